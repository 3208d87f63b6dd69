import type { Code } from "../../../../common/contracts/codes.ts";
import type { CodeListName } from "../../../../common/enums/cadres.ts";
import { codeInForceOn } from "../../../../common/rules/code-validity.ts";
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

/**
 * Select options of a list, highest level first for ranked lists. Inactive codes are not offered, nor —
 * given the date the value holds for (`asOf`) — codes not in force that day (a religion code of the old
 * numbering, a grade code introduced later). `keep` stays offered: a stored value being corrected.
 */
export function codeOptions(
  lists: CodeLists | undefined,
  list: CodeListName,
  language: Language,
  options: { keep?: string | null; highestFirst?: boolean; asOf?: string | null } = {},
): { value: string; label: string }[] {
  const codes = (lists?.get(list) ?? []).filter(
    (c) => c.code === options.keep || (c.isActive && (!options.asOf || codeInForceOn(c, options.asOf))),
  );
  const ordered = options.highestFirst ? [...codes].sort((a, b) => b.rank - a.rank) : codes;
  return ordered.map((c) => ({
    value: c.code,
    label: language === "en" && c.nameEn ? c.nameEn : c.name,
  }));
}

/**
 * A code's name as the server sent it (Vietnamese), in English when the language is English and the
 * code list has an English name: the list, the record and the CV speak the user's language.
 */
export function localName(
  lists: CodeLists | undefined,
  list: CodeListName,
  ref: { code: string; name: string } | null | undefined,
  language: Language,
): string | undefined {
  if (!ref) return undefined;
  if (language !== "en") return ref.name;
  return lists?.get(list)?.find((c) => c.code === ref.code)?.nameEn || ref.name;
}
