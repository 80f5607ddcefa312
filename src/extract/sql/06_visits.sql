-- 06 Visits per person: emergency visits inside the look-back; chair hours of the visits on transfusion days
-- (visit end minus start, emergency visits excluded) and the care site those visits were at (most frequent).
CREATE OR REPLACE TABLE visit_agg AS
WITH v AS (
  SELECT vo.*, w.as_of,
         coalesce({{ed_visit}}, FALSE) AS is_ed  -- codes may be NULL: NULL is not emergency
  FROM (SELECT *, visit_concept_id AS cid, upper(replace(visit_source_value, '.', '')) AS code FROM visit_occurrence) vo
  JOIN pwin w USING (person_id)
  WHERE vo.visit_start_date <= w.as_of
)
SELECT v.person_id,
  min(v.visit_start_date) AS first_day,
  count(*) FILTER (WHERE v.is_ed AND v.visit_start_date > v.as_of - {{lookback_days}}) AS ed_visits_12m,
  sum(epoch(v.visit_end_datetime - v.visit_start_datetime)) FILTER (WHERE t.day IS NOT NULL AND NOT v.is_ed) / 3600.0 AS clinic_hours,
  count(*) FILTER (WHERE t.day IS NOT NULL AND NOT v.is_ed) AS clinic_visits,
  count(v.visit_end_datetime - v.visit_start_datetime) FILTER (WHERE t.day IS NOT NULL AND NOT v.is_ed) AS timed_visits,
  mode(v.care_site_id) FILTER (WHERE t.day IS NOT NULL AND NOT v.is_ed) AS care_site_id
FROM v
LEFT JOIN tx_day t ON t.person_id = v.person_id AND t.day = v.visit_start_date
GROUP BY v.person_id;
