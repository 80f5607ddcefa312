/**
 * CART surrogate baseline (one-vs-rest, Gini, exact thresholds at midpoints): a depth-limited tree per segment,
 * grown level by level over columns sorted once. Each level is one pass per column over the sorted rows with
 * incremental class weights per node, so the cost is O(depth × columns × n) per tree after an
 * O(columns × n log n) sort shared by every segment's tree (ml-cart recomputes Gini per threshold: O(n²)).
 *
 * Rows with a missing value in a node's split column follow neither branch (as in rule matching).
 * The rule for the segment is the OR of the paths to leaves where the segment is the weighted majority.
 */
import type { FeatureView } from './features.js';
import type { Condition, Term } from './types.js';
import type { PatientTable } from '../data/table.js';
import { roundestIn } from './snap.js';

/** Columns sorted once: fit rows with a value, ordered by value (categorical columns: null). */
export interface SortedColumns {
  readonly order: readonly (Int32Array | null)[];
  readonly values: readonly (Float64Array | null)[];
  readonly codes: readonly (Int32Array | null)[];
}

/** Sort the fit rows of every ordered column. O(columns × n log n). */
export function sortColumns(table: PatientTable, features: readonly FeatureView[], fitRows: Int32Array): SortedColumns {
  const order: (Int32Array | null)[] = [];
  const values: (Float64Array | null)[] = [];
  const codes: (Int32Array | null)[] = [];
  for (const f of features) {
    const col = table.columns.find((c) => c.name === f.name)!;
    if (col.kind === 'categorical') { order.push(null); values.push(null); codes.push(col.codes); continue; }
    const xs = col.values;
    const rows = Array.from(fitRows).filter((r) => !Number.isNaN(xs[r]!));
    rows.sort((a, b) => xs[a]! - xs[b]! || a - b);
    order.push(Int32Array.from(rows));
    values.push(xs);
    codes.push(null);
  }
  return { order, values, codes };
}

/** A node's chosen split. */
class Split {
  constructor(readonly f: number, readonly threshold: number, readonly levels: readonly number[] | null, readonly gain: number) {}
}

/**
 * The best split found so far for each open node of a level, in flat arrays: the split search compares every
 * row's candidate against `gain[s]`, and an array of split objects there made V8 throw the optimised search
 * away again and again (up to 1342 deoptimisations of bestSplits per tree fit, `--trace-deopt`: the objects'
 * numeric fields first hold small integers, then fractions, which changes their shape).
 */
class LevelBest {
  /** Gain of the best split so far (MIN_GAIN: none yet). */
  readonly gain: Float64Array;
  /** Column of the best split (−1: none). */
  readonly f: Int32Array;
  readonly threshold: Float64Array;
  readonly levels: (readonly number[] | null)[];

  constructor(readonly k: number) {
    this.gain = new Float64Array(k).fill(MIN_GAIN);
    this.f = new Int32Array(k).fill(-1);
    this.threshold = new Float64Array(k).fill(Number.NaN);
    this.levels = Array.from({ length: k }, () => null);
  }

  set(s: number, f: number, threshold: number, levels: readonly number[] | null, gain: number): void {
    this.gain[s] = gain;
    this.f[s] = f;
    this.threshold[s] = threshold;
    this.levels[s] = levels;
  }

  /** The split of node `s`, or null when no split gains more than MIN_GAIN. */
  split(s: number): Split | null {
    return this.f[s]! < 0 ? null : new Split(this.f[s]!, this.threshold[s]!, this.levels[s]!, this.gain[s]!);
  }
}

/** A tree node; rows reach it by `id`. A class: its weights first hold small integers, then fractions. */
class Node {
  pos = 0;
  neg = 0;
  split: Split | null = null;
  left: Node | null = null;
  right: Node | null = null;
  constructor(readonly id: number) {}
}

/** Gini gain is improvement in Σ (p² + q²) / w over children; below this a split is not worth making. */
export const MIN_GAIN = 1e-9;

export const purity = (p: number, q: number): number => (p + q > 0 ? (p * p + q * q) / (p + q) : 0);

/**
 * Sort level indices in place by descending positive share hp/(hp+hn) (Breiman's ordering for a categorical
 * split: the best subset is a prefix), ties by index. `offset` addresses a block of a larger histogram.
 */
export function sortByPositiveShare(levels: number[], hp: ArrayLike<number>, hn: ArrayLike<number>, offset = 0): number[] {
  return levels.sort((a, b) => hp[offset + b]! / (hp[offset + b]! + hn[offset + b]!) - hp[offset + a]! / (hp[offset + a]! + hn[offset + a]!) || a - b);
}

/**
 * One tree of depth ≤ `maxDepth` for `positive` vs the rest. Returns the segment's rule as terms; the numeric
 * splits made are pushed to `splits` when given.
 * @example
 * const terms = cartRule(table, features, sorted, fitRows, weight, positive, 3);
 */
export function cartRule(table: PatientTable, features: readonly FeatureView[], sorted: SortedColumns, fitRows: Int32Array, weight: Float64Array, positive: Uint8Array, maxDepth: number, splits?: NumericSplit[]): Term[] {
  const n = table.ids.length;
  const nodeOf = new Int32Array(n).fill(-1);
  const root = new Node(0);
  for (const r of fitRows) {
    nodeOf[r] = 0;
    if (positive[r]) root.pos += weight[r]!; else root.neg += weight[r]!;
  }
  const nodes: Node[] = [root];
  let frontier: Node[] = [root];
  for (let depth = 0; depth < maxDepth && frontier.length; depth++) {
    const open = frontier.filter((nd) => nd.pos > 0 && nd.neg > 0);
    const slot = new Map(open.map((nd, k) => [nd.id, k]));
    const best = new LevelBest(open.length);
    features.forEach((feat, f) => bestSplits(f, feat, sorted, nodeOf, slot, weight, positive, best));
    frontier = [];
    open.forEach((nd, k) => {
      const s = best.split(k);
      if (!s) return;
      nd.split = s;
      if (!s.levels) splits?.push({ f: s.f, threshold: s.threshold });
      nd.left = new Node(nodes.length);
      nd.right = new Node(nodes.length + 1);
      nodes.push(nd.left, nd.right);
      frontier.push(nd.left, nd.right);
    });
    // Route rows: node id → child id (or −1 when the split column is missing).
    for (const r of fitRows) {
      const nd = nodes[nodeOf[r]!];
      if (nodeOf[r]! < 0 || !nd || !nd.split) continue;
      const s = nd.split;
      const col = sorted.values[s.f];
      let goLeft: boolean | null;
      if (col) { const x = col[r]!; goLeft = Number.isNaN(x) ? null : x < s.threshold; }
      else { const c = sorted.codes[s.f]![r]!; goLeft = c < 0 ? null : s.levels!.includes(c); }
      if (goLeft === null) { nodeOf[r] = -1; continue; }
      const child = goLeft ? nd.left! : nd.right!;
      nodeOf[r] = child.id;
      if (positive[r]) child.pos += weight[r]!; else child.neg += weight[r]!;
    }
  }
  const terms: Term[] = [];
  collect(root, [], features, terms);
  return terms;
}

/** Best split of every open node on column `f`, updating `best` in place. O(n). */
function bestSplits(f: number, feat: FeatureView, sorted: SortedColumns, nodeOf: Int32Array, slot: Map<number, number>, weight: Float64Array, positive: Uint8Array, best: LevelBest): void {
  const k = best.k;
  const bestGain = best.gain;
  const totP = new Float64Array(k);
  const totN = new Float64Array(k);
  const order = sorted.order[f];
  if (order) {
    const xs = sorted.values[f]!;
    for (const r of order) {
      const s = slot.get(nodeOf[r]!);
      if (s === undefined) continue;
      if (positive[r]) totP[s]! += weight[r]!; else totN[s]! += weight[r]!;
    }
    const lp = new Float64Array(k);
    const ln = new Float64Array(k);
    const last = new Float64Array(k).fill(Number.NaN);
    for (const r of order) {
      const s = slot.get(nodeOf[r]!);
      if (s === undefined) continue;
      const x = xs[r]!;
      if (x > last[s]!) {
        const gain = purity(lp[s]!, ln[s]!) + purity(totP[s]! - lp[s]!, totN[s]! - ln[s]!) - purity(totP[s]!, totN[s]!);
        if (gain > bestGain[s]!) best.set(s, f, (last[s]! + x) / 2, null, gain);
      }
      last[s] = x;
      if (positive[r]) lp[s]! += weight[r]!; else ln[s]! += weight[r]!;
    }
    return;
  }
  // Categorical: order levels by segment share, best prefix (exact for two classes, Breiman 1984).
  const codes = sorted.codes[f]!;
  const L = feat.levels.length;
  const hp = new Float64Array(k * L);
  const hn = new Float64Array(k * L);
  nodeOf.forEach((id, r) => {
    const s = slot.get(id);
    const c = codes[r]!;
    if (s === undefined || c < 0) return;
    if (positive[r]) hp[s * L + c]! += weight[r]!; else hn[s * L + c]! += weight[r]!;
  });
  for (let s = 0; s < k; s++) {
    const present: number[] = [];
    let tp = 0;
    let tn = 0;
    for (let l = 0; l < L; l++) if (hp[s * L + l]! + hn[s * L + l]! > 0) { present.push(l); tp += hp[s * L + l]!; tn += hn[s * L + l]!; }
    sortByPositiveShare(present, hp, hn, s * L);
    let lp = 0;
    let ln = 0;
    for (let j = 0; j < present.length - 1; j++) {
      lp += hp[s * L + present[j]!]!;
      ln += hn[s * L + present[j]!]!;
      const gain = purity(lp, ln) + purity(tp - lp, tn - ln) - purity(tp, tn);
      if (gain > bestGain[s]!) best.set(s, f, Number.NaN, present.slice(0, j + 1), gain);
    }
  }
}

/** True when every leaf under `nd` predicts the segment. */
function allPositive(nd: Node): boolean {
  if (!nd.split) return nd.pos > nd.neg;
  return allPositive(nd.left!) && allPositive(nd.right!);
}

/** Walk the tree; a subtree whose leaves all predict the segment becomes one term. */
function collect(nd: Node, path: Condition[], features: readonly FeatureView[], out: Term[]): void {
  if (!nd.split || allPositive(nd)) {
    if (nd.pos > nd.neg && path.length) out.push(simplify(path));
    return;
  }
  const s = nd.split;
  const feat = features[s.f]!;
  let left: Condition;
  let right: Condition;
  if (s.levels) {
    left = { feature: feat.name, op: 'in', value: s.levels.map((l) => feat.levels[l]!) };
    right = { feature: feat.name, op: 'in', value: feat.levels.filter((_, l) => !s.levels!.includes(l)) };
  } else if (feat.kind === 'binary') {
    left = { feature: feat.name, op: '==', value: 0 };
    right = { feature: feat.name, op: '==', value: 1 };
  } else {
    left = { feature: feat.name, op: '<', value: s.threshold };
    right = { feature: feat.name, op: '>=', value: s.threshold };
  }
  collect(nd.left!, [...path, left], features, out);
  collect(nd.right!, [...path, right], features, out);
}

/** Merge repeated tests on one column: the tightest bound per direction, the intersection of level sets. */
export function simplify(path: readonly Condition[]): Term {
  const out: Condition[] = [];
  for (const c of path) {
    const k = out.findIndex((d) => d.feature === c.feature && d.op === c.op);
    if (k < 0) { out.push(c); continue; }
    const d = out[k]!;
    if (c.op === '>=') out[k] = { ...c, value: Math.max(c.value as number, d.value as number) };
    else if (c.op === '<') out[k] = { ...c, value: Math.min(c.value as number, d.value as number) };
    else if (c.op === 'in') out[k] = { ...c, value: (d.value as string[]).filter((l) => (c.value as string[]).includes(l)) };
  }
  return out;
}

/** A numeric split of a grown tree: column index and midpoint threshold. */
export interface NumericSplit { readonly f: number; readonly threshold: number }

/**
 * Readable equivalents of a tree's numeric split thresholds: each midpoint between neighbouring fit values a < b
 * becomes the roundest number in (a, b] ({@link roundestIn}), which separates the fit rows identically. Added to
 * the rule search's threshold grid, they let the rule learner grow the same tree on bins and take its leaf
 * paths as candidate terms. O(splits × log n).
 */
export function readableCuts(splits: readonly NumericSplit[], features: readonly FeatureView[], sorted: SortedColumns): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const { f, threshold: t } of splits) {
    const order = sorted.order[f];
    if (!order || features[f]!.kind !== 'numeric') continue;
    const xs = sorted.values[f]!;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (xs[order[mid]!]! < t) lo = mid + 1; else hi = mid; }
    if (lo === 0 || lo === order.length) continue;
    const name = features[f]!.name;
    const list = out.get(name) ?? [];
    list.push(roundestIn(xs[order[lo - 1]!]!, xs[order[lo]!]!));
    out.set(name, list);
  }
  return out;
}
