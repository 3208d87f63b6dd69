DROP INDEX "cadres_sort_idx";--> statement-breakpoint
ALTER TABLE "cadre_qualifications" ADD CONSTRAINT "cadre_qualifications_level_fk" FOREIGN KEY ("category","level_code") REFERENCES "public"."code_lists"("list","code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cadre_assignments_main_unit_idx" ON "cadre_assignments" USING btree ("unit_id","valid_from","valid_to","cadre_id") WHERE "cadre_assignments"."is_main";--> statement-breakpoint
CREATE INDEX "cadre_assignments_seat_idx" ON "cadre_assignments" USING btree ("seat_id");--> statement-breakpoint
CREATE INDEX "cadres_sort_c_idx" ON "cadres" USING btree ("sort_key" COLLATE "C","id");--> statement-breakpoint
ALTER TABLE "cadre_tiers" ADD CONSTRAINT "cadre_tiers_tier_chk" CHECK (tier IN ('central', 'city_standing', 'district_standing', 'department_committee', 'grassroots'));--> statement-breakpoint
ALTER TABLE "cadres" ADD CONSTRAINT "cadres_staff_type_chk" CHECK (staff_type IN ('cadre', 'civil_servant', 'public_employee', 'contract'));