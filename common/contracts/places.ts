import { z } from "zod";
import { LINEAGE_PARTS, PLACE_TIERS } from "../rules/places.ts";
import { IdSchema, IsoDateSchema, TextSchema, wholeNumberSchema } from "./common.ts";

/** A place of an official list of administrative units (DOMAIN §10): reference data, read only. */
export const PlaceSchema = z.object({
  id: z.number().int(),
  code: z.string().describe("Statistics-office code; reused across lists, unique only within one edition"),
  name: z.string().describe("Official name with its kind: Phường Phúc Xá"),
  kind: z.string().describe("Official kind: Tỉnh, Thành phố Trung ương, Quận, Huyện, Phường, Xã, Đặc khu…"),
  level: z.enum(PLACE_TIERS),
  edition: z.string().describe("The list the place belongs to: 2025-03 (until 30/6/2025) or 2025-07"),
  fullName: z
    .string()
    .describe(
      "In words with the units above it, as in the list: Phường Phúc Xá, Quận Ba Đình, Thành phố Hà Nội",
    ),
  parentId: z.number().int().nullable(),
  validFrom: z.string().nullable().describe("First day of the list; null for the oldest list shipped"),
  validTo: z.string().nullable().describe("Day after the list's last day; null while current"),
});
export type Place = z.infer<typeof PlaceSchema>;

export const PlaceLinkSchema = z.object({
  place: PlaceSchema,
  part: z.enum(LINEAGE_PARTS).describe("full: the whole old unit; partial: part of it"),
  effectiveDate: z.string(),
});

export const PlaceDetailSchema = PlaceSchema.extend({
  predecessors: z.array(PlaceLinkSchema).describe("Old units this place was formed from"),
  successors: z.array(PlaceLinkSchema).describe("New units this place went into"),
});
export type PlaceDetail = z.infer<typeof PlaceDetailSchema>;

export const PlaceSearchQuerySchema = z.object({
  q: TextSchema.trim().max(200).optional().describe("Name without diacritics (phuc xa), or a code"),
  asOf: IsoDateSchema.optional().describe("Only places of the list valid on this date"),
  level: z.enum(PLACE_TIERS).optional(),
  limit: wholeNumberSchema(1, 100).optional().describe("At most this many (default 20)"),
});
export type PlaceSearchQuery = z.infer<typeof PlaceSearchQuerySchema>;

export const PlaceSearchResponseSchema = z.object({
  items: z.array(PlaceSchema).describe("Code matches first, then name matches, newest list first"),
});
export type PlaceSearchResponse = z.infer<typeof PlaceSearchResponseSchema>;

export const PlaceParamsSchema = z.object({ id: IdSchema });
