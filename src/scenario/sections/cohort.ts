import { z } from 'zod';
import { ARCHETYPES } from '../../data/archetypes.js';

/** An event-level source read by `carestrata extract` (docs/extract.md); path relative to the scenario. */
const eventSource = {
  /** OMOP: folder of CSV/Parquet tables or a .duckdb file; FHIR: bulk-export folder of NDJSON files. */
  path: z.string().min(1),
  /** Look-back windows end here (YYYY-MM-DD); absent → the latest procedure or measurement date. */
  as_of: z.iso.date().optional(),
  /** Concept-set YAML; absent → the shipped src/extract/concepts.yaml. */
  concepts: z.string().optional(),
  /** Shift each person's dates by a seeded offset of at most this many days (0 = off). */
  shift_dates_days: z.int().min(0).max(3650).default(0),
  missing: z.enum(['impute', 'drop', 'keep']).default('impute'),
};

/** Per-diagnosis rates (cohort `diagnosis` values). */
const rateByDiagnosis = (max: number) => z.record(z.string().min(1).max(100), z.number().min(0).max(max));

/**
 * The open cohort (issue 16 item 6; src/sim/model/arrivals.ts): arrivals by diagnosis, departures (deaths and
 * discharges) and growth, the same for every source. The defaults keep the cohort closed: no departures, and
 * `balanced` arrivals only replace departures, so with growth 0 nobody arrives (docs/model.md).
 */
const openCohort = {
  /**
   * New patients a month per diagnosis, or `balanced`: each diagnosis's arrivals keep its expected count on the
   * path N_d · (1 + growth)^(t/365) given its departures (N_d · (departure rate + ln(1 + growth)) a year).
   */
  arrivals_per_month: z.union([z.literal('balanced'), rateByDiagnosis(100_000)]).default('balanced'),
  /** Departures (deaths and discharges) per patient-year by diagnosis; absent → 0 (assumption: set per site). */
  departures_per_year: rateByDiagnosis(50).default({}),
  /** Palliative patients (ECOG ≥ palliative_ecog_min) leave at this rate per patient-year instead (0: as their diagnosis). */
  palliative_departures_per_year: z.number().min(0).max(50).default(0),
  /** ECOG grade from which a patient counts as palliative (assumption: ECOG 3–4, in bed half the day or more). */
  palliative_ecog_min: z.int().min(0).max(5).default(3),
  /** Yearly growth of the arrival rate: the rate at day t is × (1 + growth)^(t/365). */
  growth_per_year: z.number().min(0).max(5).default(0),
};

/**
 * Where patients come from: the built-in synthetic generator, a CSV extract, or OMOP / FHIR events extracted on
 * the fly (paths relative to the scenario).
 */
export const cohortSection = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('synthetic'),
    /** Number of synthetic patients. */
    patients: z.int().min(2).max(5_000_000).default(1200),
    ...openCohort,
  }),
  z.strictObject({
    source: z.literal('csv'),
    /** Patient-level CSV, one row per patient. */
    path: z.string().min(1),
    /** Column schema YAML; `builtin` uses the synthetic cohort's columns; absent → types inferred. */
    schema: z.string().optional(),
    /** Id column name. */
    id: z.string().min(1).default('patient_id'),
    /** Missing values: impute (median/mode), drop rows, or keep for later stages. */
    missing: z.enum(['impute', 'drop', 'keep']).default('impute'),
    ...openCohort,
  }),
  z.strictObject({ source: z.literal('omop'), ...eventSource, ...openCohort }),
  z.strictObject({ source: z.literal('fhir'), ...eventSource, ...openCohort }),
]).superRefine((c, ctx) => {
  // arrivals are drawn like the synthetic generator's patients: only its diagnoses can arrive
  if (c.arrivals_per_month === 'balanced') return;
  for (const dx of Object.keys(c.arrivals_per_month)) {
    if (!ARCHETYPES.some((a) => a.diagnosis.some(([x, w]) => x === dx && w > 0))) {
      ctx.addIssue({ code: 'custom', path: ['arrivals_per_month', dx], message: `no synthetic archetype has diagnosis ${dx}: new patients cannot be drawn for it` });
    }
  }
});

/** The open-cohort settings every cohort source carries. */
export type OpenCohortSettings = { readonly [K in keyof typeof openCohort]: z.infer<(typeof openCohort)[K]> };

/** The cohort section without its open-cohort keys: what segment and rules depend on (their cache key). O(keys). */
export function cohortSourceOf<T extends object>(cohort: T): Partial<T> {
  const open = new Set(Object.keys(openCohort));
  return Object.fromEntries(Object.entries(cohort).filter(([k]) => !open.has(k))) as Partial<T>;
}
