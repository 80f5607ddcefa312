/**
 * Synthetic events → FHIR R4 bulk-export NDJSON (one file per resource type: Patient, Encounter, Procedure,
 * Observation, Condition, Location). Each RBC unit is one Procedure. Patient ids are `P000001`…; the home
 * position is the address's geolocation extension. No travel-time table exists in FHIR. Pure.
 */
import { syntheticId } from '../../data/synth.js';
import type { SynthEvents } from './model.js';
import { isoDateTime, isoDay, SYNTH_CODES } from './model.js';
import type { TextFile } from './omop.js';

const GEO = 'http://hl7.org/fhir/StructureDefinition/geolocation';
const LOINC = 'http://loinc.org';
const SNOMED = 'http://snomed.info/sct';
const ICD10 = 'http://hl7.org/fhir/sid/icd-10';
const LOCAL = 'urn:carestrata:local';
const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

const ndjson = (items: readonly unknown[]): string => items.map((x) => JSON.stringify(x)).join('\n') + (items.length ? '\n' : '');
const ref = (person: number) => ({ reference: `Patient/${syntheticId(person)}` });

function system(code: string): string {
  if (/^\d+-\d$/.test(code)) return LOINC;
  if (/^\d+$/.test(code)) return SNOMED;
  return code.startsWith('CS-') ? LOCAL : ICD10;
}

/**
 * The NDJSON files of `events`. Cost: O(events).
 * @example
 * fhirFiles(synthesizeEvents(100, streams(1)).events).map((f) => f.name); // ['Patient.ndjson', …]
 */
export function fhirFiles(events: SynthEvents): TextFile[] {
  const patients = events.persons.map((p) => ({
    resourceType: 'Patient', id: syntheticId(p.index), gender: p.sex === 'M' ? 'male' : 'female', birthDate: isoDay(p.birthDay),
    address: [{ use: 'home', extension: [{ url: GEO, extension: [{ url: 'latitude', valueDecimal: Number(p.lat.toFixed(7)) }, { url: 'longitude', valueDecimal: Number(p.lon.toFixed(7)) }] }] }],
  }));
  const encounters = events.visits.map((v, i) => ({
    resourceType: 'Encounter', id: `e${i + 1}`, status: 'finished', subject: ref(v.person),
    class: { system: ACT, code: v.kind === 'ed' ? 'EMER' : 'AMB' },
    period: { start: isoDateTime(v.day, v.startSec), end: isoDateTime(v.day, v.endSec) },
    ...(v.kind === 'clinic' ? { location: [{ location: { reference: 'Location/clinic' } }] } : {}),
  }));
  const procedures = events.transfusions.flatMap((t, i) => Array.from({ length: t.units }, (_, u) => ({
    resourceType: 'Procedure', id: `t${i + 1}-${u + 1}`, status: 'completed', subject: ref(t.person),
    code: { coding: [{ system: SNOMED, code: SYNTH_CODES.transfusion, display: 'Transfusion of red blood cells' }] },
    performedDateTime: isoDay(t.day),
  })));
  const observations = events.results.map((r, i) => ({
    resourceType: 'Observation', id: `o${i + 1}`, status: 'final', subject: ref(r.person),
    code: { coding: [{ system: system(r.code), code: r.code }] }, effectiveDateTime: isoDay(r.day),
    ...(r.text !== undefined ? { valueString: r.text } : { valueQuantity: { value: r.value } }),
  }));
  const conditions = events.conditions.map((c, i) => ({
    resourceType: 'Condition', id: `c${i + 1}`, subject: ref(c.person),
    code: { coding: [{ system: system(c.code), code: c.code }] }, onsetDateTime: isoDay(c.day),
  }));
  const location = { resourceType: 'Location', id: 'clinic', name: 'Day hospital', position: { latitude: events.clinic.lat, longitude: events.clinic.lon } };
  return [
    { name: 'Patient.ndjson', content: ndjson(patients) },
    { name: 'Encounter.ndjson', content: ndjson(encounters) },
    { name: 'Procedure.ndjson', content: ndjson(procedures) },
    { name: 'Observation.ndjson', content: ndjson(observations) },
    { name: 'Condition.ndjson', content: ndjson(conditions) },
    { name: 'Location.ndjson', content: ndjson([location]) },
  ];
}
