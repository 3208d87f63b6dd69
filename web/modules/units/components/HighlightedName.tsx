import { highlightParts } from "../utils/highlight.ts";

/** A unit name with the words of the search marked (diacritics and case ignored). */
export function HighlightedName({ name, query }: { name: string; query: string }) {
  if (!query) return name;
  return highlightParts(name, query).map((part, i) =>
    part.isMatch ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
      <mark key={i} style={{ padding: 0, background: "#ffe58f" }}>
        {part.text}
      </mark>
    ) : (
      part.text
    ),
  );
}
