/**
 * Hard exclusions before scoring (DOMAIN.md, "Home transfusion: who qualifies"): each a scenario switch, each
 * excluded patient carrying every reason that applies. Reasons are bits of a per-patient mask.
 */
import type { InputIssue } from '../errors.js';
import type { PatientTable } from '../data/table.js';
import type { PrioritySettings } from './model.js';
import { columnValues } from './terms.js';

/** Reason codes, one bit each (bit i = EXCLUSION_REASONS[i]). */
export const EXCLUSION_REASONS = [
  'haemolytic_reaction_history',
  'alloantibodies',
  'heart_failure',
  'no_phone',
  'no_second_adult',
  'distance_over_limit',
  'reactions_over_limit',
  'not_target',
  'haemolytic_reaction_history_unknown',
  'alloantibodies_unknown',
  'heart_failure_unknown',
  'no_phone_unknown',
  'no_second_adult_unknown',
  'distance_over_limit_unknown',
  'reactions_over_limit_unknown',
  /** The patient's regimen keeps them at the clinic (red cell exchange, src/service/regimen.ts). */
  'clinic_regimen',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

const bit = (r: ExclusionReason): number => 1 << EXCLUSION_REASONS.indexOf(r);

export interface Eligibility {
  /** 1 = eligible. */
  readonly eligible: Uint8Array;
  /** Bit mask of {@link EXCLUSION_REASONS} per patient (0 = eligible). */
  readonly reasonMask: Uint32Array;
  /** Excluded patients per reason (a patient may count under several). */
  readonly countByReason: Readonly<Record<string, number>>;
}

/** Reason codes in a mask, in {@link EXCLUSION_REASONS} order. O(reasons). */
export function reasonsOf(mask: number): ExclusionReason[] {
  const out: ExclusionReason[] = [];
  for (let b = 0; b < EXCLUSION_REASONS.length; b++) if (mask & (1 << b)) out.push(EXCLUSION_REASONS[b]!);
  return out;
}

type Test = (i: number) => boolean | undefined;

/**
 * Apply the switched-on exclusions. Missing columns are pushed to `issues` (path `priority.exclusions.X`).
 * A criterion whose value is missing excludes with `<reason>_unknown` when `exclude_when_unknown`. O(n · criteria).
 * @example
 * applyExclusions(table, settings, undefined, issues).eligible; // Uint8Array of 0/1
 */
export function applyExclusions(table: PatientTable, settings: PrioritySettings, targetMember: Uint8Array | undefined, issues: InputIssue[], file?: string,
  clinicOnly?: ArrayLike<number>): Eligibility {
  const n = table.ids.length;
  const ex = settings.exclusions;
  const cols = settings.columns;
  const criteria: { reason: ExclusionReason; test: Test }[] = [];
  const col = (key: keyof PrioritySettings['columns'], path: string): Float64Array | undefined => {
    const name = cols[key];
    return name === null ? undefined : columnValues(table, name, `priority.exclusions.${path}`, key, issues, file);
  };
  const flag = (v: Float64Array | undefined): Test | undefined => (v ? (i) => (Number.isNaN(v[i]!) ? undefined : v[i]! > 0) : undefined);
  const add = (reason: ExclusionReason, test: Test | undefined): void => {
    if (test) criteria.push({ reason, test });
  };
  if (ex.haemolytic_reaction_history) add('haemolytic_reaction_history', flag(col('haemolytic', 'haemolytic_reaction_history')));
  if (ex.alloantibodies) add('alloantibodies', flag(col('alloantibodies', 'alloantibodies')));
  if (ex.heart_failure) add('heart_failure', flag(col('heart_failure', 'heart_failure')));
  if (ex.no_phone) {
    const phone = col('phone', 'no_phone');
    if (phone) add('no_phone', (i) => (Number.isNaN(phone[i]!) ? undefined : phone[i]! === 0));
  }
  if (ex.no_second_adult) {
    const alone = col('lives_alone', 'no_second_adult');
    const care = col('caregiver', 'no_second_adult');
    if (alone && care) add('no_second_adult', (i) => secondAdultMissing(alone[i]!, care[i]!));
  }
  if (ex.max_distance_km !== null) {
    const d = col('distance', 'max_distance_km');
    const limit = ex.max_distance_km;
    if (d) add('distance_over_limit', (i) => (Number.isNaN(d[i]!) ? undefined : d[i]! > limit));
  }
  if (ex.max_reactions_12m !== null) {
    const r = col('reactions', 'max_reactions_12m');
    const limit = ex.max_reactions_12m;
    if (r) add('reactions_over_limit', (i) => (Number.isNaN(r[i]!) ? undefined : r[i]! > limit));
  }
  if (ex.require_target) {
    if (!targetMember) {
      issues.push({ code: 'missing_target', path: 'priority.exclusions.require_target', message: 'require_target needs target membership (--segments or --rules with priority.target_segments)' });
    } else add('not_target', (i) => targetMember[i] !== 1);
  }
  if (clinicOnly) add('clinic_regimen', (i) => clinicOnly[i] === 1);
  const eligible = new Uint8Array(n);
  const reasonMask = new Uint32Array(n);
  const countByReason: Record<string, number> = {};
  for (const c of criteria) {
    const yes = bit(c.reason);
    const unknown = c.reason === 'not_target' || c.reason === 'clinic_regimen' ? 0 : bit(`${c.reason}_unknown` as ExclusionReason);
    for (let i = 0; i < n; i++) {
      const r = c.test(i);
      if (r === true) reasonMask[i] = reasonMask[i]! | yes;
      else if (r === undefined && ex.exclude_when_unknown) reasonMask[i] = reasonMask[i]! | unknown;
    }
  }
  const counts = new Float64Array(EXCLUSION_REASONS.length);
  for (let i = 0; i < n; i++) {
    const m = reasonMask[i]!;
    eligible[i] = m === 0 ? 1 : 0;
    for (let b = 0; m >> b; b++) if (m & (1 << b)) counts[b]!++;
  }
  EXCLUSION_REASONS.forEach((r, b) => {
    if (counts[b]! > 0) countByReason[r] = counts[b]!;
  });
  return { eligible, reasonMask, countByReason };
}

/**
 * No second adult at home: lives alone and no caregiver available (AABB survey: a second adult at home,
 * DOMAIN.md). Undefined when that cannot be decided from the data.
 */
export function secondAdultMissing(livesAlone: number, caregiverAvailable: number): boolean | undefined {
  if (livesAlone === 0) return false;
  if (Number.isNaN(livesAlone)) return caregiverAvailable === 1 ? false : undefined;
  if (caregiverAvailable === 1) return false;
  if (caregiverAvailable === 0) return true;
  return undefined;
}
