-- FHIR R4 bulk export → the raw OMOP-shaped views the staging reads (every column text, typed later).
-- Input: one view per resource type, fhir_<Type>(json, _line). References `Patient/x` become person x.
-- The first coding of each code is matched against the concept sets.
CREATE OR REPLACE VIEW raw_person AS
SELECT json ->> '$.id' AS person_id,
       CASE json ->> '$.gender' WHEN 'male' THEN '8507' WHEN 'female' THEN '8532' ELSE '0' END AS gender_concept_id,
       substr(json ->> '$.birthDate', 1, 4) AS year_of_birth,
       substr(json ->> '$.birthDate', 6, 2) AS month_of_birth,
       substr(json ->> '$.birthDate', 9, 2) AS day_of_birth,
       'Patient/' || (json ->> '$.id') AS location_id,
       CAST(NULL AS VARCHAR) AS care_site_id,
       json ->> '$.gender' AS gender_source_value
FROM fhir_Patient ORDER BY _line;

-- Home position: the geolocation extension of the first address.
CREATE OR REPLACE VIEW fhir_home AS
WITH geo AS (
  SELECT json ->> '$.id' AS id,
         list_filter(CAST(json -> '$.address[0].extension' AS JSON[]),
                     lambda x: json_extract_string(x, '$.url') = 'http://hl7.org/fhir/StructureDefinition/geolocation')[1] AS g
  FROM fhir_Patient
)
SELECT 'Patient/' || id AS location_id,
       list_filter(CAST(g -> '$.extension' AS JSON[]), lambda y: json_extract_string(y, '$.url') = 'latitude')[1] ->> '$.valueDecimal' AS latitude,
       list_filter(CAST(g -> '$.extension' AS JSON[]), lambda y: json_extract_string(y, '$.url') = 'longitude')[1] ->> '$.valueDecimal' AS longitude
FROM geo WHERE g IS NOT NULL;

CREATE OR REPLACE VIEW raw_location AS
SELECT location_id, latitude, longitude FROM fhir_home
UNION ALL
SELECT 'Location/' || (json ->> '$.id'), json ->> '$.position.latitude', json ->> '$.position.longitude' FROM fhir_Location;

CREATE OR REPLACE VIEW raw_care_site AS
SELECT json ->> '$.id' AS care_site_id, 'Location/' || (json ->> '$.id') AS location_id FROM fhir_Location ORDER BY _line;

CREATE OR REPLACE VIEW raw_visit_occurrence AS
SELECT json ->> '$.id' AS visit_occurrence_id,
       regexp_replace(json ->> '$.subject.reference', '^Patient/', '') AS person_id,
       CASE json ->> '$.class.code' WHEN 'EMER' THEN '9203' WHEN 'AMB' THEN '9202' WHEN 'IMP' THEN '9201' ELSE '0' END AS visit_concept_id,
       substr(json ->> '$.period.start', 1, 10) AS visit_start_date,
       replace(substr(json ->> '$.period.start', 1, 19), 'T', ' ') AS visit_start_datetime,
       substr(json ->> '$.period.end', 1, 10) AS visit_end_date,
       replace(substr(json ->> '$.period.end', 1, 19), 'T', ' ') AS visit_end_datetime,
       regexp_replace(json ->> '$.location[0].location.reference', '^Location/', '') AS care_site_id,
       json ->> '$.class.code' AS visit_source_value
FROM fhir_Encounter ORDER BY _line;

CREATE OR REPLACE VIEW raw_procedure_occurrence AS
SELECT regexp_replace(json ->> '$.subject.reference', '^Patient/', '') AS person_id,
       '0' AS procedure_concept_id,
       substr(coalesce(json ->> '$.performedDateTime', json ->> '$.performedPeriod.start'), 1, 10) AS procedure_date,
       json ->> '$.code.coding[0].code' AS procedure_source_value
FROM fhir_Procedure ORDER BY _line;

CREATE OR REPLACE VIEW raw_measurement AS
SELECT regexp_replace(json ->> '$.subject.reference', '^Patient/', '') AS person_id,
       '0' AS measurement_concept_id,
       substr(coalesce(json ->> '$.effectiveDateTime', json ->> '$.effectivePeriod.start', json ->> '$.issued'), 1, 10) AS measurement_date,
       coalesce(json ->> '$.valueQuantity.value', json ->> '$.valueInteger',
                CASE json ->> '$.valueBoolean' WHEN 'true' THEN '1' WHEN 'false' THEN '0' END) AS value_as_number,
       json ->> '$.code.coding[0].code' AS measurement_source_value,
       coalesce(json ->> '$.valueString', json ->> '$.valueCodeableConcept.text') AS value_source_value
FROM fhir_Observation ORDER BY _line;

CREATE OR REPLACE VIEW raw_condition_occurrence AS
SELECT regexp_replace(json ->> '$.subject.reference', '^Patient/', '') AS person_id,
       '0' AS condition_concept_id,
       substr(coalesce(json ->> '$.onsetDateTime', json ->> '$.recordedDate'), 1, 10) AS condition_start_date,
       json ->> '$.code.coding[0].code' AS condition_source_value
FROM fhir_Condition ORDER BY _line;
