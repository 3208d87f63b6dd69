-- "Local" by places (DOMAIN §2): a head is local when the home town lies inside the territory the post leads
-- (a commune's heads: the commune; a district's: the district). The shipped descriptions of the non-local
-- figures say so; the seed's deputy figures (standing deputy secretaries and People's Committee vice-chairs
-- not local, district and commune level) join the catalogue. Only the versions shipped by the system are
-- touched: versions an admin added stay as written.
UPDATE indicator_versions SET description = CASE code
    WHEN 'I7.1' THEN 'Bí thư quận, huyện, thị ủy có quê quán ngoài quận, huyện, thị xã mình lãnh đạo. Người không rõ quê quán không tính vào mẫu số và được nêu riêng.'
    WHEN 'I7.2' THEN 'Chủ tịch UBND quận, huyện, thị xã có quê quán ngoài quận, huyện, thị xã mình lãnh đạo. Người không rõ quê quán không tính vào mẫu số và được nêu riêng.'
    WHEN 'I7.3' THEN 'Bí thư đảng ủy xã, phường, thị trấn có quê quán ngoài xã, phường, thị trấn mình lãnh đạo. Người không rõ quê quán không tính vào mẫu số và được nêu riêng.'
    WHEN 'I7.4' THEN 'Chủ tịch UBND xã, phường, thị trấn có quê quán ngoài xã, phường, thị trấn mình lãnh đạo. Người không rõ quê quán không tính vào mẫu số và được nêu riêng.'
  END
WHERE created_by = 'system' AND code IN ('I7.1', 'I7.2', 'I7.3', 'I7.4');
--> statement-breakpoint
INSERT INTO indicator_versions (code, effective_from, name, name_en, description, population, condition, target, direction, display, sort_order) VALUES
  ('I7.5', '2000-01-01', 'Phó Bí thư Thường trực, Phó Chủ tịch UBND cấp huyện không là người địa phương', 'District standing deputy secretaries and People''s Committee vice-chairs not local',
   'Phó Bí thư Thường trực quận, huyện, thị ủy và Phó Chủ tịch UBND quận, huyện, thị xã có quê quán ngoài quận, huyện, thị xã nơi công tác. Người không rõ quê quán không tính vào mẫu số và được nêu riêng.',
   '{"titleCodes":["district_party_deputy_standing","district_committee_vice_chair"]}',
   '{"kind":"not_local","includeBirthplace":false}',
   NULL, NULL, 'percent', 74),
  ('I7.6', '2000-01-01', 'Phó Bí thư Thường trực, Phó Chủ tịch UBND cấp xã không là người địa phương', 'Commune standing deputy secretaries and People''s Committee vice-chairs not local',
   'Phó Bí thư Thường trực đảng ủy xã, phường, thị trấn và Phó Chủ tịch UBND xã, phường, thị trấn có quê quán ngoài xã, phường, thị trấn nơi công tác. Người không rõ quê quán không tính vào mẫu số và được nêu riêng.',
   '{"titleCodes":["commune_party_deputy_standing","commune_committee_vice_chair"]}',
   '{"kind":"not_local","includeBirthplace":false}',
   NULL, NULL, 'percent', 75)
ON CONFLICT (code, effective_from) DO NOTHING;
--> statement-breakpoint
-- Corrected defaults (DOMAIN §2), in the versions shipped by the system (effective 2000-01-01, written by
-- 'system': an admin's version cannot share that date, the code and date being unique), so every date reads
-- them; versions an admin added are left as written. I1: young is under 40 for every management tier, keyed
-- by the person's tier, not by the level of the post. I4: the cadres managed by the standing committees of
-- the Party committees directly under the city — the district committees and the departments'/sectors'.
UPDATE indicator_versions SET
    condition = '{"kind":"young","operator":"<","thresholds":{"central":40,"city_standing":40,"district_standing":40,"department_committee":40,"grassroots":40}}',
    description = 'Cán bộ thuộc diện Ban Thường vụ các cấp quản lý có tuổi dưới ngưỡng cán bộ trẻ tại ngày báo cáo, theo diện quản lý của người đó (mặc định dưới 40 tuổi với mọi diện; ngưỡng của từng diện là tham số).'
WHERE code = 'I1' AND effective_from = '2000-01-01' AND created_by = 'system';
--> statement-breakpoint
UPDATE indicator_versions SET
    population = '{"tiers":["district_standing","department_committee"]}',
    description = 'Cán bộ thuộc diện Ban Thường vụ các đảng bộ trực thuộc Thành ủy quản lý (quận, huyện, thị ủy; đảng ủy các sở, ban, ngành) có trình độ đại học trở lên và lý luận chính trị từ trung cấp trở lên.'
WHERE code = 'I4' AND effective_from = '2000-01-01' AND created_by = 'system';
