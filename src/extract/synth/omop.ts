/**
 * Synthetic events → OMOP CDM v5.4 CSV files (one per table, header row, the columns the extractor reads plus
 * the DDL's other required ones). Person ids are row + 1. Pure: returns file names and texts.
 */
import { toCsv } from '../../data/csvText.js';
import type { SynthEvents } from './model.js';
import { isoDateTime, isoDay, SYNTH_CODES } from './model.js';

export interface TextFile { readonly name: string; readonly content: string }

/** OMOP concept ids for gender and visit type (OMOP standard vocabulary). */
const GENDER = { M: 8507, F: 8532 } as const;
const VISIT = { clinic: 9202, ed: 9203 } as const;
/** Hb's standard concept id (../shared/DOMAIN.md, Familiar data shapes); other results carry source codes only. */
const HB_CONCEPT = 3000963;

const pid = (index: number): number => index + 1;

/**
 * The OMOP files of `events`. Cost: O(events).
 * @example
 * omopFiles(synthesizeEvents(100, streams(1)).events).map((f) => f.name); // ['person.csv', …]
 */
export function omopFiles(events: SynthEvents): TextFile[] {
  const person = events.persons.map((p) => {
    const b = isoDay(p.birthDay);
    return [pid(p.index), GENDER[p.sex], Number(b.slice(0, 4)), Number(b.slice(5, 7)), Number(b.slice(8, 10)), 0, 0, pid(p.index), 1, p.sex];
  });
  const location = [[0, 'clinic', events.clinic.lat, events.clinic.lon], ...events.persons.map((p) => [pid(p.index), 'home', p.lat.toFixed(7), p.lon.toFixed(7)])];
  const travel = events.persons.filter((p) => p.travelMinutes !== undefined).map((p) => [pid(p.index), 1, p.travelMinutes!]);
  const visits = events.visits.map((v, i) => [i + 1, pid(v.person), VISIT[v.kind], isoDay(v.day), isoDateTime(v.day, v.startSec).replace('T', ' '), isoDay(v.day), isoDateTime(v.day, v.endSec).replace('T', ' '), 32817, v.kind === 'clinic' ? 1 : '']);
  const procedures = events.transfusions.map((t, i) => [i + 1, pid(t.person), 0, isoDay(t.day), 32817, t.units, SYNTH_CODES.transfusion]);
  const measurements = events.results.map((r, i) => [i + 1, pid(r.person), r.code === SYNTH_CODES.hb ? HB_CONCEPT : 0, isoDay(r.day), 32817, r.value ?? '', r.code, r.text ?? '']);
  const conditions = events.conditions.map((c, i) => [i + 1, pid(c.person), 0, isoDay(c.day), 32817, c.code]);
  return [
    { name: 'person.csv', content: toCsv(['person_id', 'gender_concept_id', 'year_of_birth', 'month_of_birth', 'day_of_birth', 'race_concept_id', 'ethnicity_concept_id', 'location_id', 'care_site_id', 'gender_source_value'], person) },
    { name: 'location.csv', content: toCsv(['location_id', 'location_source_value', 'latitude', 'longitude'], location) },
    { name: 'care_site.csv', content: toCsv(['care_site_id', 'care_site_name', 'location_id'], [[1, 'Day hospital', 0]]) },
    { name: 'travel_time.csv', content: toCsv(['location_id', 'care_site_id', 'minutes'], travel) },
    { name: 'visit_occurrence.csv', content: toCsv(['visit_occurrence_id', 'person_id', 'visit_concept_id', 'visit_start_date', 'visit_start_datetime', 'visit_end_date', 'visit_end_datetime', 'visit_type_concept_id', 'care_site_id'], visits) },
    { name: 'procedure_occurrence.csv', content: toCsv(['procedure_occurrence_id', 'person_id', 'procedure_concept_id', 'procedure_date', 'procedure_type_concept_id', 'quantity', 'procedure_source_value'], procedures) },
    { name: 'measurement.csv', content: toCsv(['measurement_id', 'person_id', 'measurement_concept_id', 'measurement_date', 'measurement_type_concept_id', 'value_as_number', 'measurement_source_value', 'value_source_value'], measurements) },
    { name: 'condition_occurrence.csv', content: toCsv(['condition_occurrence_id', 'person_id', 'condition_concept_id', 'condition_start_date', 'condition_type_concept_id', 'condition_source_value'], conditions) },
  ];
}
