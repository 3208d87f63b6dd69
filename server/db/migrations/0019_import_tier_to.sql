-- The import's scratch tables (migration 0008) carry the end of an imported management tier row: the file's
-- "Ngày kết thúc diện quản lý" is the last day held (inclusive, DOMAIN §9), staged as the day after it,
-- like valid_to ([tier_from, tier_to)); NULL for a tier still held. Filled by named columns, so it goes at
-- the end.
ALTER TABLE "import_input" ADD COLUMN "tier_to" date;--> statement-breakpoint
ALTER TABLE "import_rows" ADD COLUMN "tier_to" date;
