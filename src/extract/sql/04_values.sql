-- 04 Measured and observed values per person (the `result` rows of 03, up to as-of).
-- Latest value inside the {{lookback_days}}-day look-back: weight, ferritin, ECOG.
-- Latest value ever: ABO/Rh, lives alone, caregiver, telephone. Ever positive: alloantibody screen.
CREATE OR REPLACE TABLE value_agg AS
WITH v AS (SELECT * FROM result)
SELECT v.person_id,
  min(v.day) AS first_day,
  arg_max(v.num, v.day) FILTER (WHERE {{weight}} AND v.num IS NOT NULL AND v.day > w.as_of - {{lookback_days}}) AS weight_kg,
  arg_max(v.num, v.day) FILTER (WHERE {{ferritin}} AND v.num IS NOT NULL AND v.day > w.as_of - {{lookback_days}}) AS ferritin,
  arg_max(v.num, v.day) FILTER (WHERE {{ecog}} AND v.num IS NOT NULL AND v.day > w.as_of - {{lookback_days}}) AS ecog,
  arg_max(coalesce(v.txt, CAST(v.num AS VARCHAR)), v.day) FILTER (WHERE {{abo_rh}}) AS abo_rh,
  arg_max(v.num, v.day) FILTER (WHERE {{lives_alone}} AND v.num IS NOT NULL) AS lives_alone,
  arg_max(v.num, v.day) FILTER (WHERE {{caregiver}} AND v.num IS NOT NULL) AS caregiver,
  arg_max(v.num, v.day) FILTER (WHERE {{phone_access}} AND v.num IS NOT NULL) AS phone_access,
  coalesce(bool_or(v.num > 0 OR upper(v.txt) IN ('POSITIVE', 'POS', 'DETECTED')) FILTER (WHERE {{alloantibody_screen}}), FALSE) AS alloantibodies
FROM v
JOIN pwin w USING (person_id)
WHERE v.day <= w.as_of
GROUP BY v.person_id;
