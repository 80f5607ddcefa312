-- 07 One row per person: demographics, places and every aggregate above. Dates leave as days since 1970-01-01.
-- Distance inputs: the person's location and the location of the care site of their transfusion visits (else
-- person.care_site_id); a travel_time row for that (location, care site) pair, when given, wins.
CREATE OR REPLACE TABLE patient AS
-- History starts at the person's first record of any kind (every measurement row counts, not only results).
WITH proc_first AS (SELECT person_id, min(procedure_date) AS first_day FROM procedure_occurrence GROUP BY person_id),
meas_first AS (SELECT person_id, min(measurement_date) AS first_day FROM measurement GROUP BY person_id)
SELECT p.person_id,
  p.gender_concept_id, upper(p.gender_source_value) AS gender_source_value,
  CAST(w.birth_date - DATE '1970-01-01' AS INTEGER) AS birth_day,
  CAST(w.as_of - DATE '1970-01-01' AS INTEGER) AS as_of_day,
  CAST(least(va.first_day, ca.first_day, vi.first_day, pf.first_day, mf.first_day) - DATE '1970-01-01' AS INTEGER) AS first_day,
  pl.latitude AS person_lat, pl.longitude AS person_lon,
  sl.latitude AS site_lat, sl.longitude AS site_lon,
  tt.minutes AS travel_minutes,
  va.weight_kg, va.ferritin, va.ecog, va.abo_rh, va.lives_alone, va.caregiver, va.phone_access,
  coalesce(va.alloantibodies, FALSE) AS alloantibodies,
  coalesce(ca.reactions_12m, 0) AS reactions_12m, coalesce(ca.haemolytic, FALSE) AS haemolytic,
  coalesce(ca.heart_failure, FALSE) AS heart_failure,
  {{condition_columns}},
  coalesce(vi.ed_visits_12m, 0) AS ed_visits_12m, vi.clinic_hours, coalesce(vi.clinic_visits, 0) AS clinic_visits,
  coalesce(vi.timed_visits, 0) AS timed_visits
FROM person p
JOIN pwin w USING (person_id)
LEFT JOIN value_agg va USING (person_id)
LEFT JOIN condition_agg ca USING (person_id)
LEFT JOIN visit_agg vi USING (person_id)
LEFT JOIN proc_first pf USING (person_id)
LEFT JOIN meas_first mf USING (person_id)
LEFT JOIN location pl ON pl.location_id = p.location_id
LEFT JOIN care_site cs ON cs.care_site_id = coalesce(vi.care_site_id, p.care_site_id)
LEFT JOIN location sl ON sl.location_id = cs.location_id
LEFT JOIN travel_time tt ON tt.location_id = p.location_id AND tt.care_site_id = cs.care_site_id
ORDER BY try_cast(p.person_id AS BIGINT) NULLS LAST, p.person_id;
