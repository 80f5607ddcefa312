-- 03 Results and haemoglobin around each episode.
-- result: the measurement and observation rows of any result concept set (Hb, weight, ferritin, ECOG, ABO/Rh,
-- antibody screen, lives alone, caregiver, telephone) with the code normalised (no dots, upper case). Other
-- rows (most labs) are dropped here, once.
CREATE OR REPLACE TABLE result AS
SELECT * FROM (
  SELECT person_id, measurement_date AS day, measurement_concept_id AS cid,
         upper(replace(measurement_source_value, '.', '')) AS code, value_as_number AS num,
         value_source_value AS txt
  FROM measurement
  UNION ALL
  SELECT person_id, observation_date, observation_concept_id, upper(replace(observation_source_value, '.', '')),
         value_as_number, value_as_string
  FROM observation
)
WHERE {{any_result}};

-- hb_day: one row per person and day with the lowest and highest Hb result of that day (g/dL).
CREATE OR REPLACE TABLE hb_day AS
SELECT person_id, day, min(num) AS hb_min, max(num) AS hb_max
FROM result
WHERE num IS NOT NULL AND {{hb}}
GROUP BY person_id, day;

-- Pre-transfusion Hb: the latest result day in [start - {{hb_pre_days}}, start]; on that day the lowest value
-- (a same-day check after the units is higher). Post-transfusion Hb: the first result day in
-- [end + 1, end + {{hb_post_days}}]; on that day the highest value.
CREATE OR REPLACE TABLE episode_hb AS
WITH pre AS (
  SELECT e.*, h.day AS pre_day, h.hb_min AS pre_hb
  FROM episode e
  ASOF LEFT JOIN hb_day h ON e.person_id = h.person_id AND e.start_day >= h.day
)
SELECT pre.person_id, pre.start_day, pre.end_day, pre.units,
       CASE WHEN pre.pre_day >= pre.start_day - {{hb_pre_days}} THEN pre.pre_day END AS pre_day,
       CASE WHEN pre.pre_day >= pre.start_day - {{hb_pre_days}} THEN pre.pre_hb END AS pre_hb,
       CASE WHEN h.day <= pre.end_day + {{hb_post_days}} THEN h.day END AS post_day,
       CASE WHEN h.day <= pre.end_day + {{hb_post_days}} THEN h.hb_max END AS post_hb
FROM pre
ASOF LEFT JOIN hb_day h ON pre.person_id = h.person_id AND pre.end_day + 1 <= h.day;
