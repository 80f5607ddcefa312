/**
 * Robustness of the ranking: perturb every weight by ±p (Monte Carlo, seeded), re-rank, and report Kendall's
 * tau-b against the base scores, each patient's rank interval and whether its place relative to the top-N
 * capacity line is stable.
 */
import type { Rng } from '../random/index.js';
import { mean, quantileSorted } from '../stats/index.js';
import type { PriorityTerm } from './model.js';
import { kendallTauB, rankByScore } from './rank.js';
import type { PriorityResult } from './score.js';

export interface RobustnessOptions {
  readonly draws: number;
  /** Each weight is multiplied by U(1 − p, 1 + p). */
  readonly perturbation: number;
  /** The capacity line: how many top-ranked patients the program can take. */
  readonly topN: number;
  /** Unstable when top-N membership differs from the base in more than this share of draws. */
  readonly unstableShare: number;
}

export interface TauSummary {
  readonly mean: number;
  readonly min: number;
  readonly p05: number;
  readonly median: number;
  readonly max: number;
}

export interface RobustnessResult {
  readonly draws: number;
  readonly perturbation: number;
  readonly topN: number;
  readonly kendallTau: TauSummary;
  /** Best and worst rank over the draws (0 for ineligible patients). */
  readonly rankMin: Int32Array;
  readonly rankMax: Int32Array;
  /** Share of draws in which the patient is inside the top N (NaN for ineligible patients). */
  readonly topNShare: Float64Array;
  /** 1 = membership of the top N differs from the base ranking in more than `unstableShare` of draws. */
  readonly unstable: Uint8Array;
  readonly unstableCount: number;
  /** Mean count of base top-N patients who drop out of the top N in a draw. */
  readonly meanTopNChurn: number;
}

/**
 * Monte Carlo over perturbed weights. Draws use `rng` only (one stream, e.g. `priority/robustness`).
 * Cost: O(draws · (n · terms + m log m)) for n patients, m eligible.
 * @example
 * assessRobustness(result, ids, { draws: 200, perturbation: 0.2, topN: 80, unstableShare: 0.1 }, streams(42).stream('priority/robustness'));
 */
export function assessRobustness(result: PriorityResult, ids: readonly string[], opts: RobustnessOptions, rng: Rng): RobustnessResult {
  const n = result.score.length;
  const m = result.order.length;
  const { model } = result;
  const terms = model.terms;
  const topN = Math.min(opts.topN, m);
  // x̃ = x for benefit terms, 1 − x for penalties: points = maxPoints · x̃ in both cases.
  const xt: Float64Array[] = terms.map((t) => tilde(result.normalised[t]!, model.weights[t] < 0));
  const rankMin = new Int32Array(n);
  const rankMax = new Int32Array(n);
  const inTop = new Int32Array(n);
  for (let i = 0; i < n; i++) rankMin[i] = result.eligible[i] ? m + 1 : 0;
  const baseEligible = new Float64Array(m);
  const eligibleRows = Int32Array.from(result.order).sort();
  for (let k = 0; k < m; k++) baseEligible[k] = result.score[eligibleRows[k]!]!;
  const taus: number[] = [];
  let churn = 0;
  const perturbed = new Float64Array(n);
  const sub = new Float64Array(m);
  for (let d = 0; d < opts.draws; d++) {
    const pts = perturbedPoints(terms, model.weights, opts.perturbation, rng);
    perturbed.fill(0);
    for (let k = 0; k < terms.length; k++) {
      const x = xt[k]!;
      const p = pts[k]!;
      for (let i = 0; i < n; i++) perturbed[i] = perturbed[i]! + p * x[i]!;
    }
    const r = rankByScore(perturbed, result.eligible, ids);
    for (let k = 0; k < m; k++) {
      const i = r.order[k]!;
      const rank = k + 1;
      if (rank < rankMin[i]!) rankMin[i] = rank;
      if (rank > rankMax[i]!) rankMax[i] = rank;
      if (rank <= topN) {
        inTop[i] = inTop[i]! + 1;
      } else if (result.rank[i]! <= topN) churn++;
    }
    for (let k = 0; k < m; k++) sub[k] = perturbed[eligibleRows[k]!]!;
    taus.push(kendallTauB(baseEligible, sub));
  }
  const topNShare = new Float64Array(n);
  const unstable = new Uint8Array(n);
  let unstableCount = 0;
  for (let i = 0; i < n; i++) {
    if (!result.eligible[i]) {
      topNShare[i] = Number.NaN;
      continue;
    }
    const share = opts.draws > 0 ? inTop[i]! / opts.draws : result.rank[i]! <= topN ? 1 : 0;
    topNShare[i] = share;
    const base = result.rank[i]! <= topN;
    const disagree = base ? 1 - share : share;
    if (disagree > opts.unstableShare) {
      unstable[i] = 1;
      unstableCount++;
    }
    if (opts.draws === 0) rankMin[i] = rankMax[i] = result.rank[i]!;
  }
  return {
    draws: opts.draws,
    perturbation: opts.perturbation,
    topN,
    kendallTau: summariseTaus(taus),
    rankMin,
    rankMax,
    topNShare,
    unstable,
    unstableCount,
    meanTopNChurn: opts.draws > 0 ? churn / opts.draws : 0,
  };
}

function tilde(x: Float64Array, penalty: boolean): Float64Array {
  if (!penalty) return x;
  return x.map((v) => 1 - v);
}

/** One draw of perturbed weights → points per term (100 · |w′| / Σ|w′|). */
function perturbedPoints(terms: readonly PriorityTerm[], weights: Readonly<Record<PriorityTerm, number>>, p: number, rng: Rng): number[] {
  const w = terms.map((t) => Math.abs(weights[t]) * (1 + p * (2 * rng.next() - 1)));
  const total = w.reduce((s, v) => s + v, 0);
  return w.map((v) => (100 * v) / total);
}

function summariseTaus(taus: readonly number[]): TauSummary {
  if (taus.length === 0) return { mean: 1, min: 1, p05: 1, median: 1, max: 1 };
  const s = taus.slice().sort((a, b) => a - b);
  const q = (p: number): number => quantileSorted(s, p);
  return { mean: mean(s), min: s[0]!, p05: q(0.05), median: q(0.5), max: s[s.length - 1]! };
}
