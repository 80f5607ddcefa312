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
/** Type concept 32817 "EHR" for every record's *_type_concept_id. */
const EHR = 32817;

const pid = (index: number): number => index + 1;

/**
 * The OMOP files of `events`. Cost: O(events).
 * @example
 * omopFiles(synthesizeEvents(100, streams(1)).events).map((f) => f.name); // ['person.csv', …]
 */
export function omopFiles(events: SynthEvents): TextFile[] {
  const person = events.persons.map((p) => {
    const b = isoDay(p.birthDay);
    const [y, m, d] = [b.slice(0, 4), b.slice(5, 7), b.slice(8, 10)].map(Number);
    return [pid(p.index), GENDER[p.sex], y, m, d, 0, 0, pid(p.index), 1, p.sex];
  });
  const homes = events.persons.map((p) => [pid(p.index), 'home', p.lat.toFixed(7), p.lon.toFixed(7)]);
  const location = [[0, 'clinic', events.clinic.lat, events.clinic.lon], ...homes];
  const travel = events.persons.filter((p) => p.travelMinutes !== undefined).map((p) => [pid(p.index), 1, p.travelMinutes!]);
  const stamp = (day: number, sec: number) => isoDateTime(day, sec).replace('T', ' ');
  const visits = events.visits.map((v, i) => [
    i + 1, pid(v.person), VISIT[v.kind], isoDay(v.day), stamp(v.day, v.startSec), isoDay(v.day), stamp(v.day, v.endSec),
    EHR, v.kind === 'clinic' ? 1 : '',
  ]);
  const procedures = events.transfusions.map((t, i) => [i + 1, pid(t.person), 0, isoDay(t.day), EHR, t.units, SYNTH_CODES.transfusion]);
  const measurements = events.results.map((r, i) => [
    i + 1, pid(r.person), r.code === SYNTH_CODES.hb ? HB_CONCEPT : 0, isoDay(r.day), EHR, r.value ?? '', r.code, r.text ?? '',
  ]);
  const conditions = events.conditions.map((c, i) => [i + 1, pid(c.person), 0, isoDay(c.day), EHR, c.code]);
  const file = (name: string, header: string, rows: Parameters<typeof toCsv>[1]) => ({ name: `${name}.csv`, content: toCsv(header.split(' '), rows) });
  return [
    file('person', 'person_id gender_concept_id year_of_birth month_of_birth day_of_birth race_concept_id '
      + 'ethnicity_concept_id location_id care_site_id gender_source_value', person),
    file('location', 'location_id location_source_value latitude longitude', location),
    file('care_site', 'care_site_id care_site_name location_id', [[1, 'Day hospital', 0]]),
    file('travel_time', 'location_id care_site_id minutes', travel),
    file('visit_occurrence', 'visit_occurrence_id person_id visit_concept_id visit_start_date visit_start_datetime '
      + 'visit_end_date visit_end_datetime visit_type_concept_id care_site_id', visits),
    file('procedure_occurrence', 'procedure_occurrence_id person_id procedure_concept_id procedure_date '
      + 'procedure_type_concept_id quantity procedure_source_value', procedures),
    file('measurement', 'measurement_id person_id measurement_concept_id measurement_date measurement_type_concept_id '
      + 'value_as_number measurement_source_value value_source_value', measurements),
    file('condition_occurrence', 'condition_occurrence_id person_id condition_concept_id condition_start_date '
      + 'condition_type_concept_id condition_source_value', conditions),
  ];
}
