import { z } from 'zod';

/** Where patients come from: the built-in synthetic generator, or a CSV extract (path relative to the scenario). */
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
]);
