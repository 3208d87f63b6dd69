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
