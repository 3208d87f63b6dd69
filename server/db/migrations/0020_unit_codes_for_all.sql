-- Every unit has a code: cadres are imported into a unit by its code. Units created before codes were
-- proposed get "DV" and their id (unique: no other unit holds it), which an administrator may replace by
-- the official code on the units page. New units get parent code + "." + number (units.codes.ts).
UPDATE "units" u SET "code" = 'DV' || u."id"
WHERE u."code" IS NULL
  AND NOT EXISTS (SELECT 1 FROM "units" o WHERE o."code" = 'DV' || u."id");
--> statement-breakpoint
-- A unit whose "DV" code someone already chose by hand: the id, a dash and the id again, which no
-- proposal makes.
UPDATE "units" u SET "code" = 'DV' || u."id" || '-' || u."id"
WHERE u."code" IS NULL;
