import type { CodeListName } from "../../../common/enums/cadres.ts";

/**
 * Coded columns read by name (issue 10, item 3): a unit, a title or a code-list entry may be written by its
 * name instead of its code. A name must match exactly one code in force on the row's date; otherwise the
 * row is refused with the candidates, so that the user writes the code. Generic: the units import can
 * resolve its own names through `pickByName`.
 */

/** A name as compared: Unicode NFC, trimmed, single spaces, lower case (diacritics kept: "Đông" ≠ "Dông"). */
export function nameKey(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
}

export type NamedCode<V> = {
  value: V;
  code: string;
  /** What tells candidates apart in a message (the parent unit, the list). */
  label: string;
  /** In force from this day (null: always), until the day before validTo (null: still). */
  validFrom: string | null;
  validTo: string | null;
};

export type NamePick<V> =
  | { kind: "found"; value: V; code: string }
  | { kind: "none" }
  | { kind: "ambiguous"; candidates: readonly NamedCode<V>[] };

/** The one entry of this name in force on the date (codes differing only by history count once). */
export function pickByName<V>(
  byName: ReadonlyMap<string, readonly NamedCode<V>[]>,
  name: string,
  date: string,
): NamePick<V> {
  const all = byName.get(nameKey(name)) ?? [];
  const inForce = all.filter(
    (c) => (c.validFrom === null || c.validFrom <= date) && (c.validTo === null || date < c.validTo),
  );
  const distinct = [...new Map(inForce.map((c) => [c.code, c])).values()];
  if (distinct.length === 1) return { kind: "found", value: distinct[0]!.value, code: distinct[0]!.code };
  if (distinct.length === 0) return { kind: "none" };
  return { kind: "ambiguous", candidates: distinct };
}

/** "00001 (Quận Ba Đình), 00500 (Huyện Đông Anh)" for a message. */
export function candidatesText(candidates: readonly NamedCode<unknown>[]): string {
  return candidates
    .slice(0, 10)
    .map((c) => (c.label ? `${c.code} (${c.label})` : c.code))
    .join(", ")
    .concat(candidates.length > 10 ? ", …" : "");
}

/** Names of the reference data, loaded once per import beside the codes. */
export type NameReferences = {
  units: ReadonlyMap<string, readonly NamedCode<number>[]>;
  titles: ReadonlyMap<string, readonly NamedCode<number>[]>;
  codes: ReadonlyMap<CodeListName, ReadonlyMap<string, readonly NamedCode<string>[]>>;
};

/** Groups named entries by their compared name. */
export function byNameKey<V>(
  entries: Iterable<NamedCode<V> & { name: string }>,
): Map<string, NamedCode<V>[]> {
  const map = new Map<string, NamedCode<V>[]>();
  for (const { name, ...entry } of entries) {
    const key = nameKey(name);
    const list = map.get(key) ?? [];
    list.push(entry);
    map.set(key, list);
  }
  return map;
}
