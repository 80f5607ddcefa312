/**
 * Face validity: does the simulated service, run as today (clinic_only), reproduce the history the cohort file
 * records? Three measures against the cohort's columns (src/data/schema.ts), each with a stated bound:
 *
 *   episodes per patient-year  Σ simulated transfusions / patient-years counted  vs  mean episodes_12m
 *   units per year              Σ simulated units × 365 / counted days           vs  Σ units_12m
 *   pre-transfusion Hb          each patient's mean simulated Hb just before a transfusion  vs  hb_pre_mean_g_dl
 *                               (the cohort mean of the differences, and the share of patients within a bound)
 *
 * The bounds are assumptions, named here and listed in docs/model.md:
 * - ±15% on the two yearly rates: capacity and chair figures that far off the clinic's own year would not be
 *   trusted by a planner; the recorded year's Poisson noise (≈ √12 on 12 episodes) averages out over a cohort.
 * - 0.5 g/dL on the mean pre-transfusion Hb: one week's decline of a transfusion-dependent MDS patient
 *   (≈ 0.5 g/dL/week, ../shared/DOMAIN.md Hb dynamics, derived) — a weekly lab cannot place the transfusion
 *   closer than that; 1 g/dL for 90% of patients: about one week's decline in thalassaemia (1.0–1.3 g/dL/week).
 *
 * Cost: O(n).
 */
import { findColumn } from '../data/table.js';
import type { PatientTable } from '../data/table.js';
import type { PipelineResult } from '../pipeline.js';
import type { BaselineHistory } from '../sim/index.js';
import type { ReportSection } from './model.js';
import { fmt, pct } from './model.js';

/** Simulated ÷ recorded episodes per patient-year and units per year must lie in this range. */
export const RATE_RATIO_BOUNDS = [0.85, 1.15] as const;
/** |mean over patients of (simulated − recorded) pre-transfusion Hb| at most this, g/dL. */
export const HB_MEAN_DIFFERENCE_MAX_G_DL = 0.5;
/** A patient's simulated mean pre-transfusion Hb within this of the recorded one, g/dL… */
export const HB_PATIENT_DIFFERENCE_MAX_G_DL = 1.0;
/** …for at least this share of patients. */
export const HB_PATIENT_SHARE_MIN = 0.9;

/** One measure set against the cohort's record. */
export interface FaceValidityCheck {
  readonly measure: string;
  /** `share`: `simulated` is the share of patients within the bound and `recorded` is NaN. */
  readonly kind: 'rate' | 'mean' | 'share';
  /** The cohort column it is checked against. */
  readonly column: string;
  readonly recorded: number;
  readonly simulated: number;
  /** Patients the measure covers (rows with the column present, and for Hb at least one simulated transfusion). */
  readonly patients: number;
  /** The bound in words. */
  readonly bound: string;
  /** null when the column is missing (nothing to check). */
  readonly holds: boolean | null;
}

export interface FaceValidity {
  readonly checks: readonly FaceValidityCheck[];
  /** Days each replication counted (after the warm-up), and replications averaged. */
  readonly countedDays: number;
  readonly replications: number;
  /** True when every check that could run holds. */
  readonly holds: boolean;
}

function columnValues(table: PatientTable, name: string): Float64Array | undefined {
  const c = findColumn(table, name);
  return c && c.kind !== 'categorical' ? c.values : undefined;
}

type CheckKind = FaceValidityCheck['kind'];

function notChecked(measure: string, kind: CheckKind, column: string, bound: string): FaceValidityCheck {
  return { measure, kind, column, recorded: Number.NaN, simulated: Number.NaN, patients: 0, bound, holds: null };
}

/** A yearly rate: recorded Σ column (a 12-month record) against simulated Σ × 365 / counted days. */
function rateCheck(
  measure: string, column: string, recordedCol: Float64Array | undefined, simulated: Float64Array, years: number,
  perPatient: boolean,
): FaceValidityCheck {
  const [lo, hi] = RATE_RATIO_BOUNDS;
  const bound = `simulated ÷ recorded in [${lo}, ${hi}]`;
  if (!recordedCol) return notChecked(measure, 'rate', column, bound);
  let rec = 0, sim = 0, k = 0;
  for (let i = 0; i < recordedCol.length; i++) {
    if (!Number.isFinite(recordedCol[i]!)) continue;
    rec += recordedCol[i]!; sim += simulated[i]! / years; k++;
  }
  const div = perPatient ? Math.max(1, k) : 1;
  const ratio = rec > 0 ? sim / rec : Number.NaN;
  const holds = k > 0 && ratio >= lo && ratio <= hi;
  return { measure, kind: 'rate', column, recorded: rec / div, simulated: sim / div, patients: k, bound, holds };
}

/** Each patient's mean pre-transfusion Hb against hb_pre_mean_g_dl: the mean difference and the share within bound. */
function hbChecks(recordedCol: Float64Array | undefined, b: BaselineHistory): FaceValidityCheck[] {
  const column = 'hb_pre_mean_g_dl';
  const meanBound = `|simulated − recorded| ≤ ${HB_MEAN_DIFFERENCE_MAX_G_DL} g/dL`;
  const shareBound = `≥ ${pct(HB_PATIENT_SHARE_MIN)} of patients within ±${HB_PATIENT_DIFFERENCE_MAX_G_DL} g/dL`;
  const meanName = 'pre-transfusion Hb, cohort mean (g/dL)';
  const shareName = `pre-transfusion Hb per patient: share within ±${HB_PATIENT_DIFFERENCE_MAX_G_DL} g/dL`;
  if (!recordedCol) {
    return [notChecked(meanName, 'mean', column, meanBound), notChecked(shareName, 'share', column, shareBound)];
  }
  let rec = 0, sim = 0, within = 0, k = 0;
  const t = b.totals;
  for (let i = 0; i < recordedCol.length; i++) {
    if (!Number.isFinite(recordedCol[i]!) || !(t.transfusions[i]! > 0)) continue;
    const s = t.preHbSum[i]! / t.transfusions[i]!;
    rec += recordedCol[i]!; sim += s; k++;
    if (Math.abs(s - recordedCol[i]!) <= HB_PATIENT_DIFFERENCE_MAX_G_DL) within++;
  }
  const m = Math.max(1, k), share = within / m;
  const mean: FaceValidityCheck = {
    measure: meanName, kind: 'mean', column, recorded: rec / m, simulated: sim / m, patients: k, bound: meanBound,
    holds: k > 0 && Math.abs(sim - rec) / k <= HB_MEAN_DIFFERENCE_MAX_G_DL,
  };
  const perPatient: FaceValidityCheck = {
    measure: shareName, kind: 'share', column, recorded: Number.NaN, simulated: share, patients: k, bound: shareBound,
    holds: k > 0 && share >= HB_PATIENT_SHARE_MIN,
  };
  return [mean, perPatient];
}

/**
 * Set clinic_only's simulated history against the cohort's recorded 12 months.
 * @example faceValidity(cohort.table, simulation.baseline).holds; // true when every bound holds
 */
export function faceValidity(table: PatientTable, b: BaselineHistory): FaceValidity {
  const years = b.countedDays / 365;
  const t = b.totals;
  const checks = [
    rateCheck('episodes per patient-year', 'episodes_12m', columnValues(table, 'episodes_12m'), t.transfusions, years,
      true),
    rateCheck('units per year (cohort)', 'units_12m', columnValues(table, 'units_12m'), t.units, years, false),
    ...hbChecks(columnValues(table, 'hb_pre_mean_g_dl'), b),
  ];
  const holds = checks.every((c) => c.holds !== false);
  return { checks, countedDays: b.countedDays, replications: b.replications, holds };
}

function shown(c: FaceValidityCheck, x: number): string {
  if (c.holds === null || Number.isNaN(x)) return '—';
  return c.kind === 'share' ? pct(x) : fmt(x, 2);
}

const HEADER = ['measure', 'cohort column', 'recorded', 'simulated (clinic only)', 'patients', 'bound', 'holds'];

/** Report section: the checks as a table, and what to make of them. O(n). */
export function faceValiditySection(r: PipelineResult): ReportSection | undefined {
  const b = r.simulation?.baseline;
  if (!b) return undefined;
  const fv = faceValidity(r.cohort.table, b);
  const warm = r.scenario.simulation.warmup_days;
  const failed = fv.checks.filter((c) => c.holds === false).map((c) => c.measure);
  const missing = fv.checks.filter((c) => c.holds === null).map((c) => c.column);
  const paragraphs = [
    `Under clinic only (today's service), ${fv.replications} replication(s) of ${fv.countedDays} days after a ` +
      `${warm}-day warm-up are set against the 12 months the cohort file records (episodes_12m, units_12m, ` +
      `hb_pre_mean_g_dl); rates are per year (× 365 / ${fv.countedDays}).`,
    failed.length === 0
      ? 'Every measure is within its bound: on these measures the simulated clinic reproduces the year the cohort ' +
        'file records.'
      : `Outside its bound: ${failed.join('; ')}. The simulated service does not reproduce the clinic's recorded ` +
        'history there; read the policy comparison with that in mind.',
    'Bounds (assumptions, docs/model.md): ±15% on yearly rates; 0.5 g/dL on the mean pre-transfusion Hb (one ' +
      'week\'s decline in MDS, the resolution of weekly labs); 1 g/dL for 90% of patients.',
  ];
  const absent = [...new Set(missing)].join(', ');
  if (missing.length) paragraphs.push(`Not checked (column missing from the cohort): ${absent}.`);
  const verdict = (c: FaceValidityCheck): string => (c.holds === null ? 'not checked' : c.holds ? 'yes' : 'NO');
  const rows = fv.checks.map((c) => [
    c.measure, c.column, shown(c, c.recorded), shown(c, c.simulated), c.patients, c.bound, verdict(c),
  ]);
  const title = 'Face validity: the simulated clinic against its recorded history';
  return { id: 'face_validity', title, status: 'done', paragraphs, charts: [], table: { header: HEADER, rows } };
}
