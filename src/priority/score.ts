/**
 * The priority score: eligibility, then a weighted sum of normalised terms on 0–100, explained per term.
 */
import type { InputIssue } from '../errors.js';
import { InputError } from '../errors.js';
import type { PatientTable } from '../data/table.js';
import type { Eligibility } from './eligibility.js';
import { applyExclusions } from './eligibility.js';
import type { PriorityModel, PrioritySettings, PriorityTerm } from './model.js';
import { resolveModel } from './model.js';
import type { NormalisedTerm } from './normalise.js';
import { normaliseTerm } from './normalise.js';
import type { Ranking } from './rank.js';
import { rankByScore } from './rank.js';
import { anchoredValue, rawTermValues } from './terms.js';
import { roundPoints } from './tolerances.js';

export interface ScoreOptions {
  /** 1 = target-segment member or rule match (from segments.csv / rules.json); enables that half of home_suitability. */
  readonly targetMember?: Uint8Array;
  /** Data file name for error messages. */
  readonly file?: string;
  /** Each patient's transfusion trigger (service model, `thresholdsFromTable`); absent → the clinical default. */
  readonly triggerGdl?: ArrayLike<number>;
  /** 1 = the patient's regimen keeps them at the clinic (exchange, `regimensFromTable`): excluded as `clinic_regimen`. */
  readonly clinicOnly?: ArrayLike<number>;
  /**
   * Normalise against another cohort's values (its {@link PriorityResult.normalisation}): an open cohort's
   * arrivals are scored as if they were in the day-0 cohort (its median for missing inputs, its percentiles).
   */
  readonly against?: Readonly<Partial<Record<PriorityTerm, Omit<NormalisedTerm, 'x'>>>>;
}

export interface PriorityResult extends Eligibility, Ranking {
  readonly model: PriorityModel;
  /** Whether target membership was supplied. */
  readonly hasTarget: boolean;
  /** x ∈ [0, 1] per active term (1 = most priority; most risk for a penalty term). */
  readonly normalised: Readonly<Partial<Record<PriorityTerm, Float64Array>>>;
  /** How each active term was normalised and how many inputs were imputed. */
  readonly normalisation: Readonly<Partial<Record<PriorityTerm, Omit<NormalisedTerm, 'x'>>>>;
  /** Points per active term per patient, rounded to POINT_DECIMALS; they sum to `score`. */
  readonly contributions: Readonly<Partial<Record<PriorityTerm, Float64Array>>>;
  /** 0–100 per patient (ineligible patients are scored too, for explanation, but not ranked). */
  readonly score: Float64Array;
  readonly warnings: readonly string[];
}

/**
 * Points a term gives for x ∈ [0, 1]: maxPoints · x for a benefit term, maxPoints · (1 − x) for a penalty.
 * O(1).
 */
export function termPoints(model: PriorityModel, term: PriorityTerm, x: number): number {
  const p = model.maxPoints[term];
  return roundPoints(model.weights[term] < 0 ? p * (1 - x) : p * x);
}

/**
 * Score every patient. Throws {@link InputError} listing every missing or categorical column a term or an
 * exclusion needs (path `priority.weights.TERM` / `priority.exclusions.X`). Cost: O(n · terms + n log n).
 * @example
 * const r = scorePatients(table, scenario.priority);
 * r.score[r.order[0]!]; // the top eligible patient's score
 */
export function scorePatients(table: PatientTable, settings: PrioritySettings, options: ScoreOptions = {}): PriorityResult {
  const model = resolveModel(settings);
  const n = table.ids.length;
  const { targetMember, file } = options;
  if (targetMember && targetMember.length !== n) throw new Error(`scorePatients: targetMember has ${targetMember.length} rows, table ${n}`);
  const issues: InputIssue[] = [];
  const eligibility = applyExclusions(table, settings, targetMember, issues, file, options.clinicOnly);
  const raws = new Map<PriorityTerm, Float64Array>();
  for (const term of model.terms) {
    const raw = rawTermValues(term, { table, settings, ...(targetMember ? { targetMember } : {}), ...(file ? { file } : {}), ...(options.triggerGdl ? { triggerGdl: options.triggerGdl } : {}) }, issues);
    if (raw) raws.set(term, raw);
  }
  if (issues.length) throw new InputError(issues);
  const hasTarget = targetMember !== undefined;
  const normalised: Partial<Record<PriorityTerm, Float64Array>> = {};
  const normalisation: Partial<Record<PriorityTerm, Omit<NormalisedTerm, 'x'>>> = {};
  const contributions: Partial<Record<PriorityTerm, Float64Array>> = {};
  const score = new Float64Array(n);
  const warnings: string[] = [];
  for (const term of model.terms) {
    const against = options.against?.[term]?.reference;
    const { x, ...info } = normaliseTerm(term, raws.get(term)!, settings, hasTarget, eligibility.eligible, against);
    normalised[term] = x;
    normalisation[term] = info;
    if (info.imputed > 0) warnings.push(`${term}: ${info.imputed} patient(s) with a missing input got the cohort median`);
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      c[i] = termPoints(model, term, x[i]!);
      score[i] = score[i]! + c[i]!;
    }
    contributions[term] = c;
  }
  for (let i = 0; i < n; i++) score[i] = roundPoints(score[i]!);
  if (model.ahp && model.ahp.consistencyRatio > 0.1) {
    warnings.push(`AHP consistency ratio ${model.ahp.consistencyRatio.toFixed(3)} exceeds 0.10: revise the pairwise comparisons`);
  }
  const ranking = rankByScore(score, eligibility.eligible, table.ids);
  return { model, hasTarget, ...eligibility, ...ranking, normalised, normalisation, contributions, score, warnings };
}

/**
 * The score after `daysWaiting` days on the list: the base score (computed with no waiting) plus the
 * waiting_time term's points, maxPoints · min(1, days / anchors.waiting_days). Linear, then flat. O(1); for the
 * simulator's daily re-ranking. When the data carried a days-waiting column, pass
 * `score[i] − contributions.waiting_time[i]` as the base.
 * @example
 * scoreWithWaiting(40, 14, resolveModel(settings)); // 45 with default weights (10 points at 28 days)
 */
export function scoreWithWaiting(baseScore: number, daysWaiting: number, model: PriorityModel): number {
  if (!(daysWaiting >= 0)) throw new Error(`scoreWithWaiting: daysWaiting must be ≥ 0, got ${daysWaiting}`);
  if (model.weights.waiting_time === 0) return baseScore;
  const x = anchoredValue(daysWaiting, model.anchors.waiting_days, 'higher');
  return roundPoints(baseScore + termPoints(model, 'waiting_time', x) - termPoints(model, 'waiting_time', 0));
}
