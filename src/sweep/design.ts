/**
 * Sweep designs: which combinations of factor levels to run.
 * - grid: every combination (the first factor varies slowest);
 * - oat (one at a time): the base scenario, then each factor over its levels with the others at base;
 * - lhs (Latin hypercube): N points, each factor's interval cut into N equal strata, one sample per stratum,
 *   strata paired at random (seeded stream `sweep/lhs`, so the design is reproducible);
 * - sobol: Saltelli's layout for Sobol indices (src/decide/saltelli.ts) with Latin hypercube base samples A and
 *   B of N points each, then A with each factor's column from B: N·(k + 2) points (stream `sweep/sobol`).
 */
import type { Rng } from '../random/index.js';
import { shuffled } from '../random/index.js';
import { designRow, saltelliDesign } from '../decide/saltelli.js';
import type { Factor } from './vary.js';

export type DesignKind = 'grid' | 'oat' | 'lhs' | 'sobol';

export interface SweepPoint {
  /** Position in the design, 0-based; ids and shard assignment derive from it. */
  readonly index: number;
  /** `p0000`, `p0001`, … */
  readonly id: string;
  /** Value per varied path. */
  readonly values: Readonly<Record<string, number>>;
  /** One-at-a-time designs: the factor this point moves (`null` for the base point). */
  readonly moved?: string | null;
}

/** Most points a design may have (a grid of many factors grows fast; fail early). */
export const MAX_POINTS = 100_000;

/** Zero-padded id for point `i`. */
export function pointId(i: number): string {
  return `p${String(i).padStart(4, '0')}`;
}

function make(valuesList: Record<string, number>[], moved?: (string | null)[]): SweepPoint[] {
  return valuesList.map((values, index) => ({ index, id: pointId(index), values, ...(moved ? { moved: moved[index]! } : {}) }));
}

/** Every combination of levels; O(∏ levels). */
export function gridDesign(factors: readonly Factor[]): SweepPoint[] {
  let combos: Record<string, number>[] = [{}];
  for (const f of factors) {
    const next: Record<string, number>[] = [];
    for (const c of combos) for (const level of f.levels) next.push({ ...c, [f.path]: level });
    if (next.length > MAX_POINTS) throw new Error(`gridDesign: more than ${MAX_POINTS} points`);
    combos = next;
  }
  return make(combos);
}

/** Base point plus each factor's levels other than its base value; O(Σ levels). */
export function oatDesign(factors: readonly Factor[]): SweepPoint[] {
  const base: Record<string, number> = Object.fromEntries(factors.map((f) => [f.path, f.base]));
  const list: Record<string, number>[] = [base];
  const moved: (string | null)[] = [null];
  for (const f of factors) {
    for (const level of f.levels) {
      if (level === f.base) continue;
      list.push({ ...base, [f.path]: level });
      moved.push(f.path);
    }
  }
  return make(list, moved);
}

/**
 * Latin hypercube of `n` points over each factor's [lo, hi]; integer factors are rounded (so strata may repeat
 * when the interval holds fewer than n integers). O(n · factors).
 * @example
 * lhsDesign(factors, 10, streams(1).stream('sweep/lhs'));
 */
export function lhsDesign(factors: readonly Factor[], n: number, rng: Rng): SweepPoint[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`lhsDesign: points must be a positive integer, got ${n}`);
  const list: Record<string, number>[] = Array.from({ length: n }, () => ({}));
  for (const f of factors) {
    const strata = shuffled(rng, Array.from({ length: n }, (_, i) => i));
    for (let i = 0; i < n; i++) {
      list[i]![f.path] = valueAt(f, (strata[i]! + rng.next()) / n);
    }
  }
  return make(list);
}

/** A factor's value at unit-cube coordinate u: lo + u·(hi − lo), rounded for integer factors. */
function valueAt(f: Factor, u: number): number {
  const x = f.lo + u * (f.hi - f.lo);
  return f.integer ? Math.round(x) : Number(x.toPrecision(10));
}

/**
 * Saltelli design for Sobol indices: `n` base points (LHS) → n·(k + 2) points, rows in the layout
 * `sobolIndices` reads (A, B, A_B^(0), …). Integer factors are rounded, so an index then describes the
 * rounded factor. O(n · k²).
 * @example
 * sobolDesign(factors, 64, streams(1).stream('sweep/sobol')).length; // 64 · (factors.length + 2)
 */
export function sobolDesign(factors: readonly Factor[], n: number, rng: Rng): SweepPoint[] {
  if (!Number.isInteger(n) || n < 2) throw new Error(`sobolDesign: points must be an integer ≥ 2, got ${n}`);
  const k = factors.length;
  if (n * (k + 2) > MAX_POINTS) throw new Error(`sobolDesign: more than ${MAX_POINTS} points`);
  const d = saltelliDesign(k, n, rng, 'lhs');
  const list = Array.from({ length: n * (k + 2) }, (_, r) => {
    const u = designRow(d, r);
    return Object.fromEntries(factors.map((f, i) => [f.path, valueAt(f, u[i]!)]));
  });
  return make(list);
}
