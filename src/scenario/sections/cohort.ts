import { z } from 'zod';

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

/**
 * Where patients come from: the built-in synthetic generator, a CSV extract, or OMOP / FHIR events extracted on
 * the fly (paths relative to the scenario).
 */
export const cohortSection = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('synthetic'),
    /** Number of synthetic patients. */
    patients: z.int().min(2).max(5_000_000).default(1200),
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
  }),
  z.strictObject({ source: z.literal('omop'), ...eventSource }),
  z.strictObject({ source: z.literal('fhir'), ...eventSource }),
]);
