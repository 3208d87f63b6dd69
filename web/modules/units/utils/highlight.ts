import { foldVietnamese } from "../../../../common/text/vietnamese.ts";

/** A part of a text, marked when it matched a query word. */
export type TextPart = { text: string; isMatch: boolean };

/**
 * Splits a text into parts that match the query's words, diacritics and case ignored: "ba dinh"
 * marks "Ba Đình" in "Quận Ba Đình". Folding is done per character so positions map back to the
 * original text (every Vietnamese letter folds to exactly one letter).
 */
export function highlightParts(text: string, query: string): TextPart[] {
  const words = foldVietnamese(query).split(" ").filter(Boolean);
  if (words.length === 0) return [{ text, isMatch: false }];
  const chars = [...text.normalize("NFC")];
  const folded = chars.map((c) => {
    const f = foldVietnamese(c);
    return f.length === 1 ? f : " ";
  });
  const haystack = folded.join("");
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const word of words) {
    let from = 0;
    for (;;) {
      const at = haystack.indexOf(word, from);
      if (at < 0) break;
      for (let i = at; i < at + word.length; i++) marked[i] = true;
      from = at + word.length;
    }
  }
  const parts: TextPart[] = [];
  for (let i = 0; i < chars.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.isMatch === marked[i]) last.text += chars[i];
    else parts.push({ text: chars[i]!, isMatch: marked[i]! });
  }
  return parts;
}
