/**
 * Folds Vietnamese text for search: lower case, diacritics removed, đ → d, spaces collapsed.
 * "Nguyễn Văn Ánh" → "nguyen van anh". Server and web use the same function.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** True when every word of the query occurs in the text, both folded. */
export function matchesFolded(text: string, query: string): boolean {
  const q = foldVietnamese(query);
  if (!q) return true;
  const t = foldVietnamese(text);
  return q.split(" ").every((word) => t.includes(word));
}

// Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; then tones
// (none, huyền, hỏi, ngã, sắc, nặng) as a second level.
const ALPHABET = [
  "a",
  "ă",
  "â",
  "b",
  "c",
  "d",
  "đ",
  "e",
  "ê",
  "f",
  "g",
  "h",
  "i",
  "j",
  "k",
  "l",
  "m",
  "n",
  "o",
  "ô",
  "ơ",
  "p",
  "q",
  "r",
  "s",
  "t",
  "u",
  "ư",
  "v",
  "w",
  "x",
  "y",
  "z",
];
const TONES: Record<string, string> = {
  "\u0300": "1",
  "\u0309": "2",
  "\u0303": "3",
  "\u0301": "4",
  "\u0323": "5",
};
const MODIFIERS: Record<string, string> = { "\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b" };

/** Splits a Vietnamese full name into family name, middle name(s) and given name. */
export function splitVietnameseName(fullName: string): { family: string; middle: string; given: string } {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { family: "", middle: "", given: "" };
  if (parts.length === 1) return { family: "", middle: "", given: parts[0]! };
  return { family: parts[0]!, middle: parts.slice(1, -1).join(" "), given: parts[parts.length - 1]! };
}

/**
 * A key that sorts names in Vietnamese order under the "C" collation (byte order, the same on every
 * engine): given name, then middle, then family name; letters first, tones as a tie-breaker.
 * Compare with `ORDER BY sort_key COLLATE "C"`.
 */
export function vietnameseSortKey(fullName: string): string {
  const { family, middle, given } = splitVietnameseName(fullName);
  let primary = "";
  let tones = "";
  for (const word of [given, middle, family].join(" ").toLowerCase().split(" ")) {
    if (primary) primary += " ";
    for (const { base, marks } of letters(word)) {
      const modifier = marks.find((m) => MODIFIERS[m]) ?? "";
      const index = ALPHABET.indexOf((base + modifier).normalize("NFC"));
      primary += index >= 0 ? String.fromCharCode(0x41 + index) : base.replace(/[^0-9]/g, "0");
      tones += marks.map((m) => TONES[m]).find(Boolean) ?? "0";
    }
  }
  return `${primary}|${tones}`;
}

/** The letters of a word, each with the combining marks that follow it after NFD decomposition. */
function letters(word: string): { base: string; marks: string[] }[] {
  const out: { base: string; marks: string[] }[] = [];
  for (const ch of word.normalize("NFD")) {
    const isMark = ch >= "\u0300" && ch <= "\u036f";
    if (isMark && out.length) out[out.length - 1]!.marks.push(ch);
    else if (!isMark) out.push({ base: ch, marks: [] });
  }
  return out;
}
