import type { Code } from "../../../../common/contracts/codes.ts";
import type { CodeListName } from "../../../../common/enums/cadres.ts";
import type { Language } from "../../../app/i18n/i18n.ts";

export type CodeLists = Map<CodeListName, Code[]>;

/** The name of a code in the user's language; the code itself when the list does not know it. */
export function codeName(
  lists: CodeLists | undefined,
  list: CodeListName,
  code: string | null | undefined,
  language: Language,
): string | undefined {
  if (!code) return undefined;
  const found = lists?.get(list)?.find((c) => c.code === code);
  if (!found) return code;
  return language === "en" && found.nameEn ? found.nameEn : found.name;
}

/** Select options of a list, highest level first for ranked lists; inactive codes are not offered. */
export function codeOptions(
  lists: CodeLists | undefined,
  list: CodeListName,
  language: Language,
  options: { keep?: string | null; highestFirst?: boolean } = {},
): { value: string; label: string }[] {
  const codes = (lists?.get(list) ?? []).filter((c) => c.isActive || c.code === options.keep);
  const ordered = options.highestFirst ? [...codes].sort((a, b) => b.rank - a.rank) : codes;
  return ordered.map((c) => ({
    value: c.code,
    label: language === "en" && c.nameEn ? c.nameEn : c.name,
  }));
}
