-- Management tiers become a dated code list (DOMAIN §9, ADR 0005). The codes stay those already stored in
-- cadre_tiers and named by the indicator definitions; the list adds their names and their dates. Until
-- 30/6/2025 there are district standing committees; from 1/7/2025 there is no district level, and the
-- committees directly under the city (the departments' and sectors', and the 126 commune-level committees)
-- take the district tier's place under department_committee, whose name already reads "đảng ủy trực thuộc".
-- An entry has one name for its life (the list's key is (list, code)), so that name serves both periods.
-- Stored tier rows are not rewritten: a district row that runs past 1/7/2025 stays as it was recorded and
-- can be ended on that day from the record.
INSERT INTO "code_lists" ("list", "code", "name", "name_en", "rank", "valid_from", "valid_to", "basis") VALUES
  ('management_tier', 'central', 'Diện Bộ Chính trị, Ban Bí thư quản lý',
   'Managed by the Politburo and the Secretariat', 50, NULL, NULL, NULL),
  ('management_tier', 'city_standing', 'Diện Ban Thường vụ Thành ủy quản lý',
   'Managed by the standing committee of the City Party Committee', 40, NULL, NULL, NULL),
  ('management_tier', 'district_standing', 'Diện Ban Thường vụ quận, huyện, thị ủy quản lý',
   'Managed by the standing committees of the district Party committees', 30, NULL, '2025-07-01',
   'Chính quyền địa phương hai cấp từ 01/07/2025: không còn cấp huyện'),
  ('management_tier', 'department_committee', 'Diện đảng ủy các sở, ngành, đảng ủy trực thuộc quản lý',
   'Managed by the Party committees of departments and sectors and the committees directly under the city',
   20, NULL, NULL, NULL),
  ('management_tier', 'grassroots', 'Diện cơ sở quản lý', 'Managed at the grassroots', 10, NULL, NULL, NULL)
ON CONFLICT ("list", "code") DO NOTHING;
