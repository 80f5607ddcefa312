/**
 * The event-level records the synthetic generator produces, independent of format; `omop.ts` and `fhir.ts`
 * render them. Days are days since 1970-01-01 (UTC); times are seconds after midnight.
 */

export interface SynthPerson {
  /** Index of the patient in the patient-level table. */
  readonly index: number;
  readonly sex: 'M' | 'F';
  readonly birthDay: number;
  readonly lat: number;
  readonly lon: number;
  /** Door-to-door minutes for the travel-time table (OMOP only); absent → none written. */
  readonly travelMinutes?: number;
}

export interface SynthTransfusion { readonly person: number; readonly day: number; readonly units: number }
/** A lab or observation: LOINC/SNOMED/local code with a number or a text value. */
export interface SynthResult { readonly person: number; readonly day: number; readonly code: string; readonly value?: number; readonly text?: string }
export interface SynthCondition { readonly person: number; readonly day: number; readonly code: string }
export interface SynthVisit {
  readonly person: number;
  readonly day: number;
  readonly kind: 'clinic' | 'ed';
  /** Seconds after midnight. */
  readonly startSec: number;
  readonly endSec: number;
}

export interface SynthEvents {
  readonly persons: readonly SynthPerson[];
  readonly transfusions: readonly SynthTransfusion[];
  readonly results: readonly SynthResult[];
  readonly conditions: readonly SynthCondition[];
  readonly visits: readonly SynthVisit[];
  /** The clinic (one care site). */
  readonly clinic: { readonly lat: number; readonly lon: number };
}

/** Codes the generator writes (all in the shipped concepts.yaml). */
export const SYNTH_CODES = {
  transfusion: '116863004',
  hb: '718-7',
  weight: '29463-7',
  ferritin: '2276-4',
  ecog: '89247-1',
  aboRh: '882-1',
  antibodyScreen: '890-4',
  livesAlone: '105529008',
  caregiver: 'CS-CAREGIVER',
  phone: 'CS-PHONE',
  reaction: 'T80.89',
  haemolytic: 'T80.3',
  heartFailure: 'I50.9',
} as const;

/** One ICD-10 code per diagnosis group (concepts.yaml `diagnoses`). */
export const DIAGNOSIS_CODE: Readonly<Record<string, string>> = {
  mds: 'D46.9', thalassaemia: 'D56.1', sickle_cell: 'D57.1', solid_tumour: 'C18.9', haematological_malignancy: 'C90.0',
  myelofibrosis: 'D47.4', aplastic_anaemia: 'D61.9', gi_bleeding: 'K92.2', ckd_chronic_disease: 'D63.1',
};

/** Charlson points a diagnosis brings by itself (malignancy, concepts.yaml `charlson`). */
export const DIAGNOSIS_CHARLSON: Readonly<Record<string, number>> = { solid_tumour: 2, haematological_malignancy: 2 };

/** Comorbidity codes used to reach a patient's Charlson index, [code, weight], none of them a diagnosis group. */
export const CHARLSON_FILLERS: readonly (readonly [string, number])[] = [
  ['G81.9', 2], ['N18.4', 2], ['E11.21', 2],
  ['I21.9', 1], ['I70.2', 1], ['I63.9', 1], ['F01.9', 1], ['J44.9', 1], ['M05.9', 1], ['K25.9', 1], ['K73.9', 1],
];

/** `YYYY-MM-DD` of a day number. */
export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:MM:SS` of a day and seconds after midnight. */
export function isoDateTime(day: number, sec: number): string {
  return new Date(day * 86_400_000 + sec * 1000).toISOString().slice(0, 19);
}
