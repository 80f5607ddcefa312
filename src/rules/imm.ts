/**
 * IMM baseline (Iterative Mistake Minimization; Dasgupta, Frost, Moshkovitz & Rashtchian, ICML 2020): a
 * threshold tree with one leaf per segment centre. At each node, among cuts that separate the node's centres,
 * take the one that sends the fewest rows away from their own segment's centre ("mistakes"); mistaken rows
 * leave the tree. Segment rule = the path to its leaf. Categorical columns enter as one 0/1 indicator per level.
 * Cut points are the rules' readable thresholds, so IMM rules read the same way.
 *
 * Cost: O(segments × columns × (n + thresholds × segments)) over the tree's ≤ segments − 1 splits.
 */
import type { PatientTable } from '../data/table.js';
import { simplify } from './cart.js';
import type { FeatureView } from './features.js';
import type { Condition, Term } from './types.js';

/** Centre of each segment per usable column: `centres[s][f]`; categorical columns hold the share per level. */
export type Centres = readonly (readonly (number | Float64Array)[])[];

/**
 * Segment centres: given values where present (column units), otherwise the segment's mean over the fit rows.
 * O(n × columns).
 */
export function segmentCentres(table: PatientTable, features: readonly FeatureView[], fitRows: Int32Array, codes: Int32Array, names: readonly string[], given?: Readonly<Record<string, Readonly<Record<string, number>>>>): Centres {
  return names.map((name, s) => features.map((feat) => {
    const col = table.columns.find((c) => c.name === feat.name)!;
    if (col.kind === 'categorical') {
      const share = new Float64Array(col.levels.length);
      let total = 0;
      for (const r of fitRows) if (codes[r] === s && col.codes[r]! >= 0) { share[col.codes[r]!]!++; total++; }
      return share.map((x) => (total ? x / total : 0));
    }
    const g = given?.[name]?.[feat.name];
    if (g !== undefined && Number.isFinite(g)) return g;
    let sum = 0;
    let count = 0;
    for (const r of fitRows) if (codes[r] === s && !Number.isNaN(col.values[r]!)) { sum += col.values[r]!; count++; }
    return count ? sum / count : Number.NaN;
  }));
}

interface Cut { f: number; j: number; level: number; mistakes: number }

/** Centres on the right (≥ threshold / in level) side of a cut. */
function goesRight(centres: Centres, s: number, features: readonly FeatureView[], cut: Cut): boolean {
  const c = centres[s]![cut.f]!;
  if (typeof c !== 'number') return c[cut.level]! >= 0.5;
  return c >= features[cut.f]!.thresholds[cut.j - 1]!;
}

/** Best cut for a node: fewest mistakes among cuts that split its centres. O(columns × (rows + bins × k)). */
function bestCut(features: readonly FeatureView[], centres: Centres, segs: readonly number[], rows: Int32Array, codes: Int32Array, k: number): Cut | null {
  let best: Cut | null = null;
  features.forEach((feat, f) => {
    const nb = feat.nBins;
    const hist = new Float64Array(nb * k);
    for (const r of rows) hist[feat.bins[r]! * k + codes[r]!]!++;
    const missing = segs.reduce((a, s) => a + hist[(nb - 1) * k + s]!, 0);
    const consider = (cut: Cut, rightCount: (s: number) => number, leftCount: (s: number) => number): void => {
      let right = 0;
      let mistakes = missing;
      for (const s of segs) {
        if (goesRight(centres, s, features, cut)) { right++; mistakes += leftCount(s); } else mistakes += rightCount(s);
      }
      if (right === 0 || right === segs.length) return;
      cut.mistakes = mistakes;
      if (!best || mistakes < best.mistakes) best = cut;
    };
    if (feat.kind === 'categorical') {
      for (let l = 0; l < nb - 1; l++) {
        const tot = (s: number): number => { let t = 0; for (let b = 0; b < nb - 1; b++) t += hist[b * k + s]!; return t; };
        consider({ f, j: -1, level: l, mistakes: 0 }, (s) => hist[l * k + s]!, (s) => tot(s) - hist[l * k + s]!);
      }
      return;
    }
    // below[j][s] = rows of s in bins < j.
    const real = nb - 1;
    const below = new Float64Array((real + 1) * k);
    for (let b = 0; b < real; b++) for (const s of segs) below[(b + 1) * k + s] = below[b * k + s]! + hist[b * k + s]!;
    for (let j = 1; j < real; j++) {
      consider({ f, j, level: -1, mistakes: 0 }, (s) => below[real * k + s]! - below[j * k + s]!, (s) => below[j * k + s]!);
    }
  });
  return best;
}

/** Cut as document conditions for each side. */
function cutConditions(feat: FeatureView, cut: Cut): [Condition, Condition] {
  if (feat.kind === 'categorical') {
    return [
      { feature: feat.name, op: 'in', value: feat.levels.filter((_, l) => l !== cut.level) },
      { feature: feat.name, op: 'in', value: [feat.levels[cut.level]!] },
    ];
  }
  if (feat.kind === 'binary') return [{ feature: feat.name, op: '==', value: 0 }, { feature: feat.name, op: '==', value: 1 }];
  const t = feat.thresholds[cut.j - 1]!;
  return [{ feature: feat.name, op: '<', value: t }, { feature: feat.name, op: '>=', value: t }];
}

/**
 * IMM rule (one term, the leaf path) per segment; an empty list for segments whose centres cannot be separated.
 * @example
 * const rules = immRules(features, segmentCentres(table, features, fit, codes, names), fit, codes, names.length);
 */
export function immRules(features: readonly FeatureView[], centres: Centres, fitRows: Int32Array, codes: Int32Array, k: number): Term[][] {
  const out: Term[][] = Array.from({ length: k }, () => []);
  const grow = (segs: number[], rows: Int32Array, path: Condition[]): void => {
    if (segs.length === 1) { out[segs[0]!] = path.length ? [simplify(path)] : []; return; }
    const cut = bestCut(features, centres, segs, rows, codes, k);
    if (!cut) return;
    const feat = features[cut.f]!;
    const [leftCond, rightCond] = cutConditions(feat, cut);
    const right = segs.filter((s) => goesRight(centres, s, features, cut));
    const left = segs.filter((s) => !right.includes(s));
    const isRight = (r: number): boolean | null => {
      const b = feat.bins[r]!;
      if (b === feat.nBins - 1) return null;
      return feat.kind === 'categorical' ? b === cut.level : b >= cut.j;
    };
    const keep = (side: number[], want: boolean): Int32Array => rows.filter((r) => isRight(r) === want && side.includes(codes[r]!));
    grow(left, keep(left, false), [...path, leftCond]);
    grow(right, keep(right, true), [...path, rightCond]);
  };
  grow(Array.from({ length: k }, (_, s) => s), fitRows, []);
  return out;
}
