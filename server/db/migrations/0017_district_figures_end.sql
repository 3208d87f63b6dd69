-- No district level from 1/7/2025 (DOMAIN §2, §10): the district figures of I7 — secretaries (I7.1), People's
-- Committee chairs (I7.2), standing deputy secretaries and vice-chairs (I7.5) not local — end on 30/6/2025.
-- Each gets a version effective 1/7/2025 that retires it (active = false), a copy of the version in effect the
-- day before, when that one was shipped by the system: a catalogue an admin changed is left as written. The
-- commune figures (I7.3, I7.4, I7.6) go on, over the 126 communes of 1/7/2025.
INSERT INTO indicator_versions (code, effective_from, name, name_en, description, population, condition, target,
    direction, display, sort_order, active, created_by)
SELECT v.code, '2025-07-01', v.name, v.name_en,
    v.description || ' Từ 01/7/2025 không còn cấp huyện: chỉ tiêu kết thúc ngày 30/6/2025.',
    v.population, v.condition, v.target, v.direction, v.display, v.sort_order, false, 'system'
FROM indicator_versions v
WHERE v.code IN ('I7.1', 'I7.2', 'I7.5') AND v.created_by = 'system'
  AND v.effective_from = (SELECT max(w.effective_from) FROM indicator_versions w
    WHERE w.code = v.code AND w.effective_from <= '2025-06-30')
ON CONFLICT (code, effective_from) DO NOTHING;
