-- 02 Transfusion days: one row per person and day with RBC units given that day, inside the
-- {{lookback_days}}-day look-back (as_of - {{lookback_days}}, as_of]. A record without a quantity is one unit.
-- Transfusions come from procedure_occurrence and drug_exposure (some ETLs record blood products as drugs).
CREATE OR REPLACE TABLE tx_day AS
SELECT t.person_id, t.day, sum(t.units) AS units
FROM (
  SELECT person_id, procedure_date AS day, coalesce(quantity, 1) AS units
  FROM procedure_occurrence
  WHERE {{transfusion_procedure}}
  UNION ALL
  SELECT person_id, drug_exposure_start_date AS day, coalesce(quantity, 1) AS units
  FROM drug_exposure
  WHERE {{transfusion_drug}}
) t
JOIN pwin w USING (person_id)
WHERE t.day > w.as_of - {{lookback_days}} AND t.day <= w.as_of
GROUP BY t.person_id, t.day;

-- Episodes: transfusion days on consecutive calendar days are one episode (gaps and islands: day minus its
-- rank is constant along a run of consecutive days).
CREATE OR REPLACE TABLE episode AS
WITH ranked AS (
  SELECT person_id, day, units,
         day - CAST(row_number() OVER (PARTITION BY person_id ORDER BY day) AS INTEGER) AS island
  FROM tx_day
)
SELECT person_id, min(day) AS start_day, max(day) AS end_day, sum(units) AS units
FROM ranked
GROUP BY person_id, island;
