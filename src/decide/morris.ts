/**
 * Morris elementary-effects screening (Morris 1991, "Factorial sampling plans for preliminary computational
 * experiments", Technometrics 33(2), 161–174) with the μ* measure of Campolongo, Cariboni & Saltelli 2007
 * ("An effective screening design for sensitivity analysis of large models", Environmental Modelling &
 * Software 22, 1509–1518).
 *
 * Design: r trajectories in the unit cube on a p-level grid {0, 1/(p−1), …, 1}, step Δ = p / (2(p − 1)).
 * Each trajectory starts at a random grid point and moves one factor at a time, in random order, by +Δ or −Δ
 * (random direction; the base value is drawn so the move stays in the grid), so it has k + 1 points and gives
 * one elementary effect EE_i = (f(x + s·Δ·e_i) − f(x)) / (s·Δ) per factor. Effects are in units of the
 * output per unit-cube range: for a factor mapped linearly to [lo, hi], EE_i = ∂f/∂x_i · (hi − lo).
 * Measures per factor: μ (mean EE), μ* (mean |EE|: overall importance), σ (sd of EE: non-linearity or
 * interaction), with a percentile-bootstrap interval for μ* over trajectories.
 *
 * Cost: r·(k + 1) model runs; O(r·k²) to build the design, O(R·r·k) for R bootstrap resamples.
 */
import type { Rng, Streams } from '../random/index.js';
import { randomInt, shuffled } from '../random/index.js';
import type { Estimate } from './bootstrap.js';
import { DEFAULT_RESAMPLES, percentileInterval, resampleInto } from './bootstrap.js';

/** The trajectories: points row-major, and for every step which factor moved and in which direction. */
export interface MorrisDesign {
  readonly k: number;
  readonly trajectories: number;
  readonly gridLevels: number;
  readonly delta: number;
  /** r·(k + 1) rows of k numbers in [0, 1]; trajectory t occupies rows t·(k + 1) … t·(k + 1) + k. */
  readonly rows: Float64Array;
  /** r·k entries: the factor moved at step s of trajectory t (index t·k + s). */
  readonly factor: Int32Array;
  /** r·k entries: +1 or −1, the direction of that move. */
  readonly direction: Int8Array;
}

/** Screening measures for one factor. */
export interface MorrisFactor {
  readonly mu: number;
  readonly muStar: Estimate;
  readonly sigma: number;
}

/**
 * Draw r trajectories for k factors on a `gridLevels`-level grid (even, default 4).
 * @example
 * const d = morrisDesign(5, 20, streams(3).stream('sensitivity/morris'));
 * d.rows.length; // 20 · 6 · 5
 */
export function morrisDesign(k: number, trajectories: number, rng: Rng, gridLevels = 4): MorrisDesign {
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`morrisDesign: k must be a positive integer, got ${k}`);
  if (!(Number.isInteger(trajectories) && trajectories >= 2)) {
    throw new Error(`morrisDesign: trajectories must be an integer ≥ 2, got ${trajectories}`);
  }
  if (!(Number.isInteger(gridLevels) && gridLevels >= 2 && gridLevels % 2 === 0)) {
    throw new Error(`morrisDesign: gridLevels must be an even integer ≥ 2, got ${gridLevels}`);
  }
  const p = gridLevels, delta = p / (2 * (p - 1));
  const rows = new Float64Array(trajectories * (k + 1) * k);
  const factor = new Int32Array(trajectories * k);
  const direction = new Int8Array(trajectories * k);
  const order = Array.from({ length: k }, (_, i) => i);
  for (let t = 0; t < trajectories; t++) {
    const x = new Float64Array(k);
    const dir = new Int8Array(k);
    for (let i = 0; i < k; i++) {
      const base = randomInt(rng, p / 2) / (p - 1); // grid point with base + Δ still on the grid
      dir[i] = rng.next() < 0.5 ? 1 : -1;
      x[i] = dir[i] === 1 ? base : base + delta;
    }
    const row0 = t * (k + 1);
    rows.set(x, row0 * k);
    shuffled(rng, order).forEach((i, s) => {
      x[i] = x[i]! + dir[i]! * delta;
      rows.set(x, (row0 + s + 1) * k);
      factor[t * k + s] = i;
      direction[t * k + s] = dir[i]!;
    });
  }
  return { k, trajectories, gridLevels: p, delta, rows, factor, direction };
}

/**
 * μ, μ* (with a bootstrap interval over trajectories) and σ per factor from outputs `y`, one per design row.
 * @example
 * const y = Float64Array.from({ length: d.rows.length / d.k }, (_, r) => f(d.rows.subarray(r * d.k, (r + 1) * d.k)));
 * morrisEffects(d, y, { rng: streams(3).stream('sensitivity/bootstrap') })[0].muStar.estimate;
 */
export function morrisEffects(
  design: MorrisDesign, y: ArrayLike<number>, opts: { rng: Rng; level?: number; resamples?: number },
): MorrisFactor[] {
  const { k, trajectories: r } = design;
  if (y.length !== r * (k + 1)) throw new Error(`morrisEffects: expected ${r * (k + 1)} outputs, got ${y.length}`);
  const ee = elementaryEffects(design, y);
  const resamples = opts.resamples ?? DEFAULT_RESAMPLES;
  const idx = new Int32Array(r);
  const reps = Array.from({ length: k }, () => new Float64Array(resamples));
  for (let b = 0; b < resamples; b++) {
    resampleInto(opts.rng, idx);
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < r; j++) s += Math.abs(ee[idx[j]! * k + i]!);
      reps[i]![b] = s / r;
    }
  }
  return Array.from({ length: k }, (_, i) => {
    let sum = 0, sumAbs = 0;
    for (let t = 0; t < r; t++) { sum += ee[t * k + i]!; sumAbs += Math.abs(ee[t * k + i]!); }
    const mu = sum / r;
    let ss = 0;
    for (let t = 0; t < r; t++) ss += (ee[t * k + i]! - mu) ** 2;
    const [ciLow, ciHigh] = percentileInterval(reps[i]!, opts.level ?? 0.95);
    return { mu, muStar: { estimate: sumAbs / r, ciLow, ciHigh }, sigma: Math.sqrt(ss / (r - 1)) };
  });
}

/** EE per trajectory and factor, indexed t·k + i. */
function elementaryEffects(design: MorrisDesign, y: ArrayLike<number>): Float64Array {
  const { k, trajectories: r, delta } = design;
  const ee = new Float64Array(r * k);
  for (let t = 0; t < r; t++) {
    for (let s = 0; s < k; s++) {
      const row = t * (k + 1) + s;
      const i = design.factor[t * k + s]!;
      ee[t * k + i] = (y[row + 1]! - y[row]!) / (design.direction[t * k + s]! * delta);
    }
  }
  return ee;
}

/**
 * Design, run and analyse in one call for a model over the unit cube (stream names `sensitivity/morris`,
 * `sensitivity/bootstrap`). Cost: r·(k + 1) model runs plus {@link morrisEffects}.
 * @example
 * morrisAnalysis((x) => 3 * x[0]!, 1, 10, streams(1))[0].muStar.estimate; // 3
 */
export function morrisAnalysis(
  model: (x: Float64Array) => number, k: number, trajectories: number, s: Streams,
  opts: { gridLevels?: number; level?: number; resamples?: number } = {},
): MorrisFactor[] {
  const design = morrisDesign(k, trajectories, s.stream('sensitivity/morris'), opts.gridLevels);
  const y = new Float64Array(trajectories * (k + 1));
  for (let r = 0; r < y.length; r++) y[r] = model(design.rows.subarray(r * k, (r + 1) * k));
  const rng = s.stream('sensitivity/bootstrap');
  return morrisEffects(design, y, { rng, level: opts.level, resamples: opts.resamples });
}
