/** Kinds of organisation unit. The same array feeds the database check, the zod enum and the UI options. */
export const UNIT_KINDS = [
  "city",
  "district",
  "town",
  "commune",
  "ward",
  "township",
  "party_committee",
  "people_council",
  "people_committee",
  "department",
  "agency",
  "division",
  "public_service_unit",
  "front",
  "mass_organisation",
  "other",
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Territorial kinds carry no bloc: their bodies (Party committee, People's Committee, …) do. */
export const TERRITORIAL_KINDS: readonly UnitKind[] = [
  "city",
  "district",
  "town",
  "commune",
  "ward",
  "township",
];

export const BLOCS = ["party", "government", "front", "public_service"] as const;
export type Bloc = (typeof BLOCS)[number];

/** Lineage between a predecessor and its successor when units are reorganised. */
export const LINEAGE_KINDS = ["merge", "split", "rename"] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];
