/**
 * The resolved priority model: which terms count, their signed weights and the points each can give.
 * Score = Σ_k points_k, points_k = maxPoints_k · x_k for a benefit term (w > 0) and maxPoints_k · (1 − x_k) for
 * a penalty term (w < 0), with maxPoints_k = 100 · |w_k| / Σ|w|. So the score lies in [0, 100] and a penalty term
 * gives its points for the *absence* of risk: w·x + |w| = |w|·(1 − x) when w < 0.
 */
import type { PrioritySettings, PriorityTerm } from '../scenario/sections/priority.js';
import { PRIORITY_TERMS } from '../scenario/sections/priority.js';
import type { AhpResult } from './ahp.js';
import { ahpWeights } from './ahp.js';

export { PRIORITY_TERMS };
export type { PrioritySettings, PriorityTerm };

/**
 * Default weights when the scenario gives neither `weights` nor `ahp` (assumption, Σ|w| = 100 so weights read
 * as points): need first (urgency, burden), then travel avoided — priority tools use need, function and waiting
 * time (DOMAIN.md, Operations research: Health Care Management Science 2023).
 */
export const DEFAULT_WEIGHTS: Readonly<Record<PriorityTerm, number>> = {
  clinical_urgency: 25,
  transfusion_burden: 15,
  travel_burden: 20,
  frailty: 10,
  home_suitability: 10,
  safety_risk: -10,
  waiting_time: 10,
};

export interface PriorityModel {
  /** Terms with a non-zero weight, in {@link PRIORITY_TERMS} order. */
  readonly terms: readonly PriorityTerm[];
  /** Signed weight per term (0 when the term is off). */
  readonly weights: Readonly<Record<PriorityTerm, number>>;
  /** Most points a term can give: 100 · |w| / Σ|w|. */
  readonly maxPoints: Readonly<Record<PriorityTerm, number>>;
  readonly weightSource: 'scenario' | 'default' | 'ahp';
  readonly ahp?: AhpResult;
  readonly anchors: PrioritySettings['anchors'];
  readonly normalisation: PrioritySettings['normalisation'];
}

/** Points from weights: 100 · |w| / Σ|w| per term. Throws on all-zero weights (the schema rejects those first). */
export function pointsFromWeights(weights: Readonly<Record<PriorityTerm, number>>): Record<PriorityTerm, number> {
  let total = 0;
  for (const t of PRIORITY_TERMS) total += Math.abs(weights[t]);
  if (!(total > 0)) throw new Error('pointsFromWeights: all weights are zero');
  const out = {} as Record<PriorityTerm, number>;
  for (const t of PRIORITY_TERMS) out[t] = (100 * Math.abs(weights[t])) / total;
  return out;
}

/**
 * Resolve the scenario's weights (given, AHP-derived or default) into a model. O(terms²) for AHP, else O(terms).
 * @example
 * resolveModel(prioritySection.parse({})).maxPoints.travel_burden; // 20
 */
export function resolveModel(settings: PrioritySettings): PriorityModel {
  const weights = {} as Record<PriorityTerm, number>;
  let weightSource: PriorityModel['weightSource'] = 'default';
  let ahp: AhpResult | undefined;
  for (const t of PRIORITY_TERMS) weights[t] = 0;
  if (settings.ahp) {
    weightSource = 'ahp';
    ahp = ahpWeights(settings.ahp.criteria, settings.ahp.comparisons);
    ahp.criteria.forEach((c, i) => {
      const sign = settings.ahp!.penalties.includes(c as PriorityTerm) ? -1 : 1;
      weights[c as PriorityTerm] = sign * 100 * ahp!.weights[i]!;
    });
  } else if (settings.weights) {
    weightSource = 'scenario';
    for (const [k, w] of Object.entries(settings.weights)) {
      if (!(PRIORITY_TERMS as readonly string[]).includes(k)) throw new Error(`resolveModel: unknown term ${k}`);
      weights[k as PriorityTerm] = w;
    }
  } else {
    Object.assign(weights, DEFAULT_WEIGHTS);
  }
  const terms = PRIORITY_TERMS.filter((t) => weights[t] !== 0);
  return {
    terms,
    weights,
    maxPoints: pointsFromWeights(weights),
    weightSource,
    ...(ahp ? { ahp } : {}),
    anchors: settings.anchors,
    normalisation: settings.normalisation,
  };
}
