/**
 * Concept sets: which codes mean "Hb result", "RBC transfusion", "MDS"… for the extractor. The shipped
 * defaults live in `concepts.yaml` next to this file (each code with its meaning); users pass their own with
 * `--concepts`. This module validates a parsed file and turns each set into a SQL predicate (pure text, no
 * database here). Codes are restricted to letters, digits, `.` and `-`, so the generated SQL needs no escaping.
 */
import { z } from 'zod';
import { DIAGNOSES } from '../data/schema.js';

const code = z.string().regex(/^[A-Za-z0-9.-]{1,40}$/, 'codes are letters, digits, "." and "-"');
const meanings = z.record(code, z.string().min(1, 'give each code its meaning'));
const idMeanings = z.record(z.string().regex(/^\d{1,12}$/, 'concept ids are integers'), z.string().min(1));

const conceptSet = z.strictObject({
  match: z.enum(['exact', 'prefix']).default('exact'),
  concept_ids: idMeanings.default({}),
  codes: meanings.default({}),
});
const prefixSet = conceptSet.extend({ match: z.enum(['exact', 'prefix']).default('prefix') });

/** The named event sets the features read (see docs/extract.md). */
export const EVENT_SETS = [
  'hb', 'transfusion', 'weight', 'ferritin', 'ecog', 'abo_rh', 'alloantibody_screen', 'lives_alone', 'caregiver',
  'phone_access', 'reaction', 'haemolytic_reaction', 'heart_failure', 'ed_visit',
] as const;
export type EventSet = (typeof EVENT_SETS)[number];

/** Charlson groups with fixed weights (Charlson 1987); the hierarchy pairs are in `charlson.ts`. */
export const CHARLSON_WEIGHTS = {
  myocardial_infarction: 1, heart_failure: 1, peripheral_vascular: 1, cerebrovascular: 1, dementia: 1,
  chronic_pulmonary: 1, rheumatic: 1, peptic_ulcer: 1, mild_liver: 1, diabetes: 1, diabetes_complicated: 2,
  hemiplegia: 2, renal: 2, malignancy: 2, severe_liver: 3, metastatic: 6, aids: 6,
} as const;
export type CharlsonGroup = keyof typeof CHARLSON_WEIGHTS;
export const CHARLSON_GROUPS = Object.keys(CHARLSON_WEIGHTS) as CharlsonGroup[];

const charlsonSet = prefixSet.extend({ weight: z.int().min(1).max(6) });

const fromKeys = <K extends string, S extends z.ZodType>(keys: readonly K[], s: S) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, s])) as Record<K, S>);

/** The concept file: `events`, `diagnoses`, `charlson` sections, every key fixed (unknown keys are errors). */
export const conceptFileSchema = z.strictObject({
  events: fromKeys(EVENT_SETS, conceptSet),
  diagnoses: fromKeys(DIAGNOSES, prefixSet),
  charlson: fromKeys(CHARLSON_GROUPS, charlsonSet),
});
export type ConceptFile = z.infer<typeof conceptFileSchema>;
export type ConceptSet = z.infer<typeof conceptSet>;

/** Upper-case, dots removed: `d46.9` and `D469` compare equal. */
export function normaliseCode(c: string): string {
  return c.replace(/\./g, '').toUpperCase();
}

const RANGE = /^([A-Z]\d\d)-([A-Z]\d\d)$/;

/**
 * SQL boolean expression true when a row's concept id (`idCol`, an integer expression) or normalised source
 * code (`codeCol`, already passed through {@link normaliseCode}'s SQL twin) is in the set. `FALSE` for an
 * empty set. Cost: O(codes).
 * @example
 * setPredicate({ match: 'exact', concept_ids: { 3000963: 'Hb' }, codes: {} }, 'cid', 'code'); // (cid IN (3000963))
 */
export function setPredicate(set: ConceptSet, idCol: string, codeCol: string): string {
  const parts: string[] = [];
  const ids = Object.keys(set.concept_ids);
  if (ids.length) parts.push(`${idCol} IN (${ids.join(', ')})`);
  const exact: string[] = [];
  for (const raw of Object.keys(set.codes)) {
    const c = raw.toUpperCase();
    const range = set.match === 'prefix' ? RANGE.exec(c) : null;
    if (range) parts.push(`substr(${codeCol}, 1, 3) BETWEEN '${range[1]}' AND '${range[2]}'`);
    else if (set.match === 'prefix') parts.push(`starts_with(${codeCol}, '${normaliseCode(c)}')`);
    else exact.push(`'${normaliseCode(c)}'`);
  }
  if (exact.length) parts.push(`${codeCol} IN (${exact.join(', ')})`);
  return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
}
