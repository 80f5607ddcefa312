-- 05 Diagnoses per person (condition_occurrence and observation codes up to as-of, all history):
-- records per diagnosis group (the main diagnosis is the group with most records), Charlson groups present,
-- heart failure and haemolytic reactions ever, transfusion reactions inside the {{lookback_days}}-day look-back.
CREATE OR REPLACE TABLE condition_agg AS
WITH c AS (
  SELECT person_id, condition_start_date AS day, condition_concept_id AS cid,
         upper(replace(condition_source_value, '.', '')) AS code
  FROM condition_occurrence
  UNION ALL
  SELECT person_id, observation_date, observation_concept_id, upper(replace(observation_source_value, '.', ''))
  FROM observation
)
SELECT c.person_id,
  min(c.day) AS first_day,
  count(*) FILTER (WHERE {{reaction}} AND c.day > w.as_of - {{lookback_days}}) AS reactions_12m,
  coalesce(bool_or({{haemolytic_reaction}}), FALSE) AS haemolytic,
  coalesce(bool_or({{heart_failure}}), FALSE) AS heart_failure,
  {{diagnosis_counts}},
  {{charlson_flags}}
FROM c
JOIN pwin w USING (person_id)
WHERE c.day <= w.as_of
GROUP BY c.person_id;
