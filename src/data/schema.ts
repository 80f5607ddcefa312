/**
 * Column schemas: which column is the id, and each column's type, unit and allowed range.
 * The built-in schema describes the synthetic cohort (and any extract with the same columns);
 * users can pass their own as YAML (see README, "CSV columns").
 */
import { z } from 'zod';

export interface ColumnSpec {
  readonly name: string;
  readonly type: 'numeric' | 'categorical' | 'binary';
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  /** Allowed levels for categorical columns; others are errors. */
  readonly categories?: readonly string[];
  /** A missing column is an error when true (default true). */
  readonly required?: boolean;
  readonly description?: string;
}

export interface TableSchema {
  readonly id: string;
  readonly columns: readonly ColumnSpec[];
}

export const DIAGNOSES = [
  'mds',
  'thalassaemia',
  'sickle_cell',
  'solid_tumour',
  'haematological_malignancy',
  'myelofibrosis',
  'aplastic_anaemia',
  'gi_bleeding',
  'ckd_chronic_disease',
] as const;

export const ABO_RH = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'] as const;

/** The columns of the synthetic cohort; ranges are plausibility limits, not clinical targets. */
export const COHORT_SCHEMA: TableSchema = {
  id: 'patient_id',
  columns: [
    { name: 'age', type: 'numeric', unit: 'years', min: 0, max: 110, description: 'age at extract' },
    { name: 'sex', type: 'categorical', categories: ['F', 'M'] },
    { name: 'diagnosis', type: 'categorical', categories: DIAGNOSES, description: 'main reason for transfusion' },
    { name: 'abo_rh', type: 'categorical', categories: ABO_RH },
    { name: 'weight_kg', type: 'numeric', unit: 'kg', min: 20, max: 250 },
    { name: 'hb_pre_mean_g_dl', type: 'numeric', unit: 'g/dL', min: 3, max: 14, description: 'mean Hb before transfusion' },
    { name: 'hb_decline_g_dl_week', type: 'numeric', unit: 'g/dL/week', min: 0, max: 5 },
    { name: 'episodes_12m', type: 'numeric', unit: 'episodes', min: 0, max: 120 },
    { name: 'units_12m', type: 'numeric', unit: 'units', min: 0, max: 400 },
    { name: 'units_per_episode', type: 'numeric', unit: 'units', min: 0, max: 10 },
    { name: 'interval_days_mean', type: 'numeric', unit: 'days', min: 1, max: 730 },
    { name: 'clinic_hours_12m', type: 'numeric', unit: 'hours', min: 0, max: 2000 },
    { name: 'distance_km', type: 'numeric', unit: 'km', min: 0, max: 1000 },
    { name: 'travel_min_one_way', type: 'numeric', unit: 'min', min: 0, max: 600 },
    { name: 'ecog', type: 'numeric', unit: 'ECOG grade', min: 0, max: 4 },
    { name: 'charlson_index', type: 'numeric', unit: 'points', min: 0, max: 37 },
    { name: 'lives_alone', type: 'binary' },
    { name: 'caregiver_available', type: 'binary' },
    { name: 'phone_access', type: 'binary' },
    { name: 'reactions_12m', type: 'numeric', unit: 'reactions', min: 0, max: 50 },
    { name: 'haemolytic_reaction_history', type: 'binary' },
    { name: 'alloantibodies', type: 'binary' },
    { name: 'heart_failure', type: 'binary' },
    { name: 'ed_visits_12m', type: 'numeric', unit: 'visits', min: 0, max: 100 },
    { name: 'ferritin_ng_ml', type: 'numeric', unit: 'ng/mL', min: 0, max: 30000 },
  ],
};

const columnSpecYaml = z.strictObject({
  type: z.enum(['numeric', 'categorical', 'binary']),
  unit: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  categories: z.array(z.string()).optional(),
  required: z.boolean().optional(),
  description: z.string().optional(),
});

/** Schema file shape: `id: patient_id` and `columns: { name: { type, unit, min, max, categories } }`. */
export const schemaFileSchema = z.strictObject({
  id: z.string().min(1).default('patient_id'),
  columns: z.record(z.string(), columnSpecYaml),
});

/** Turn a parsed schema file into a {@link TableSchema}. */
export function schemaFromFile(parsed: z.infer<typeof schemaFileSchema>): TableSchema {
  return {
    id: parsed.id,
    columns: Object.entries(parsed.columns).map(([name, spec]) => ({ name, ...spec })),
  };
}
