-- 01 Window: each person's as-of date. All look-back windows end here and reach back from here.
-- {{as_of}} is the --as-of date; `shift` holds the per-person date shift of --shift-dates (days added to all of
-- that person's dates). Moving the as-of date back by the shift is the same as moving every event forward.
CREATE OR REPLACE TABLE pwin AS
SELECT p.person_id,
       DATE '{{as_of}}' - coalesce(s.days, 0) AS as_of,
       coalesce(CAST(p.birth_datetime AS DATE),
                make_date(CAST(p.year_of_birth AS INTEGER), CAST(coalesce(p.month_of_birth, 1) AS INTEGER),
                          CAST(coalesce(p.day_of_birth, 1) AS INTEGER))) AS birth_date
FROM person p
LEFT JOIN shift s USING (person_id);
