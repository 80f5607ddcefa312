/**
 * The CART surrogate grown on the rule search's bins: the same one-vs-rest Gini tree as {@link cartRule}, but its
 * cuts are restricted to the readable threshold grid. On the fit rows the grid holds a readable equivalent of
 * every split of the exact tree ({@link readableCuts}), so this tree makes the same splits there (ties aside) and
 * its positive-leaf paths are the surrogate's rule, written with readable thresholds. On inner-validation folds
 * and bootstrap resamples it is CART restricted to that grid.
 *
 * Cost: O(depth × columns × rows) (each level visits each row once per column) plus O(leaves × depth).
 */
import { MIN_GAIN, purity, sortByPositiveShare } from './cart.js';
import type { BinCondition, SearchContext } from './types.js';
import { levelCondition, rangeCondition } from './condition.js';

/**
 * A node's chosen split. Splits and nodes are classes, not object literals: their numbers first hold small
 * integers and later fractions, which changes a literal's shape and makes V8 discard the optimised search
 * (see cart.ts's `LevelBest`).
 */
class BinSplit {
  constructor(
    readonly f: number,
    /** Ordered columns: the left child takes bins [0, cut). */
    readonly cut: number,
    /** Categorical columns: the levels of the left child (null for ordered columns). */
    readonly levels: readonly number[] | null,
    readonly gain: number,
  ) {}
}

class BinNode {
  split: BinSplit | null = null;
  left: BinNode | null = null;
  right: BinNode | null = null;
  constructor(readonly rows: Int32Array, readonly pos: number, readonly neg: number) {}
}

function makeNode(ctx: SearchContext, rows: Int32Array): BinNode {
  let pos = 0;
  let neg = 0;
  for (const r of rows) { if (ctx.positive[r]) pos += ctx.weight[r]!; else neg += ctx.weight[r]!; }
  return new BinNode(rows, pos, neg);
}

/**
 * Positive-leaf paths of a depth-`depth` Gini tree over `rows`, each path merged to one condition per column
 * (an interval for repeated ordered cuts, the intersection for level sets). A subtree whose leaves all predict
 * the segment becomes one term, as in {@link cartRule}.
 * @example
 * const terms = binCartTerms(ctx, fitRows, 3); // [[diagnosis ∈ {…}, ecog < 3], …]
 */
export function binCartTerms(ctx: SearchContext, rows: Int32Array, depth: number): BinCondition[][] {
  const root = makeNode(ctx, rows);
  let frontier = [root];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: BinNode[] = [];
    for (const nd of frontier) {
      if (!(nd.pos > 0 && nd.neg > 0)) continue;
      const s = bestSplit(ctx, nd.rows);
      if (!s || s.gain <= MIN_GAIN) continue;
      const bins = ctx.features[s.f]!.bins;
      const missing = ctx.features[s.f]!.nBins - 1;
      const inLeft = new Uint8Array(missing + 1);
      if (s.levels) for (const l of s.levels) inLeft[l] = 1;
      else inLeft.fill(1, 0, s.cut);
      const left: number[] = [];
      const right: number[] = [];
      for (const r of nd.rows) {
        const b = bins[r]!;
        if (b === missing) continue; // a missing value follows neither branch
        (inLeft[b] ? left : right).push(r);
      }
      nd.split = s;
      nd.left = makeNode(ctx, Int32Array.from(left));
      nd.right = makeNode(ctx, Int32Array.from(right));
      next.push(nd.left, nd.right);
    }
    frontier = next;
  }
  const out: BinCondition[][] = [];
  collect(ctx, root, [], out);
  return out;
}

/** Best Gini split of `rows` over the usable columns; ties keep the first column and the lowest cut. */
function bestSplit(ctx: SearchContext, rows: Int32Array): BinSplit | null {
  let best: BinSplit | null = null;
  const hp = new Float64Array(256);
  const hn = new Float64Array(256);
  const hc = new Int32Array(256);
  for (const f of ctx.usable) {
    const feat = ctx.features[f]!;
    const real = feat.nBins - 1;
    hp.fill(0, 0, real);
    hn.fill(0, 0, real);
    hc.fill(0, 0, real);
    const bins = feat.bins;
    for (const r of rows) {
      const b = bins[r]!;
      if (b === real) continue;
      hc[b]!++;
      if (ctx.positive[r]) hp[b]! += ctx.weight[r]!; else hn[b]! += ctx.weight[r]!;
    }
    let tp = 0;
    let tn = 0;
    let count = 0;
    for (let b = 0; b < real; b++) { tp += hp[b]!; tn += hn[b]!; count += hc[b]!; }
    const parent = purity(tp, tn);
    const better = (lp: number, ln: number): number | null => {
      const gain = purity(lp, ln) + purity(tp - lp, tn - ln) - parent;
      return gain > (best?.gain ?? MIN_GAIN) ? gain : null;
    };
    if (feat.kind === 'categorical') {
      const present: number[] = [];
      for (let l = 0; l < real; l++) if (hc[l]! > 0) present.push(l);
      sortByPositiveShare(present, hp, hn);
      let lp = 0;
      let ln = 0;
      for (let j = 0; j < present.length - 1; j++) {
        lp += hp[present[j]!]!;
        ln += hn[present[j]!]!;
        const gain = better(lp, ln);
        if (gain !== null) best = new BinSplit(f, -1, present.slice(0, j + 1), gain);
      }
      continue;
    }
    let lp = 0;
    let ln = 0;
    let lc = 0;
    for (let c = 1; c < real; c++) {
      lp += hp[c - 1]!;
      ln += hn[c - 1]!;
      lc += hc[c - 1]!;
      if (lc === 0 || lc === count || hc[c - 1] === 0) continue; // only cuts just above an occupied bin: both sides non-empty
      const gain = better(lp, ln);
      if (gain !== null) best = new BinSplit(f, c, null, gain);
    }
  }
  return best && best.levels === null ? new BinSplit(best.f, midGapCut(ctx, rows, best.f, best.cut), null, best.gain) : best;
}

/**
 * Cuts `first`, `first + 1`, … up to the next occupied bin split the node's rows identically; like CART's midpoint
 * between neighbouring values, take the grid threshold nearest the middle of the node's gap (on the fit rows
 * this is the exact tree's own cut, whose readable equivalent is in the grid). O(rows).
 */
function midGapCut(ctx: SearchContext, rows: Int32Array, f: number, first: number): number {
  const feat = ctx.features[f]!;
  const xs = feat.values;
  if (!xs) return first;
  let below = Number.NEGATIVE_INFINITY;
  let above = Number.POSITIVE_INFINITY;
  for (const r of rows) {
    const b = feat.bins[r]!;
    if (b === feat.nBins - 1) continue;
    const x = xs[r]!;
    if (b < first) { if (x > below) below = x; } else if (x < above) above = x;
  }
  if (!Number.isFinite(below) || !Number.isFinite(above)) return first;
  const mid = (below + above) / 2;
  let best = first;
  // x ≥ thresholds[c − 1] ⇔ bin ≥ c: every cut whose threshold lies in (below, above] splits the node alike.
  for (let c = first; c < feat.nBins - 1 && feat.thresholds[c - 1]! <= above; c++) {
    if (Math.abs(feat.thresholds[c - 1]! - mid) < Math.abs(feat.thresholds[best - 1]! - mid)) best = c;
  }
  return best;
}

/** One step of a path: bins [lo, hi) of an ordered column, or a level set. */
type Step = { f: number; lo: number; hi: number; levels: readonly number[] | null };

function allPositive(nd: BinNode): boolean {
  return nd.split ? allPositive(nd.left!) && allPositive(nd.right!) : nd.pos > nd.neg;
}

function collect(ctx: SearchContext, nd: BinNode, path: readonly Step[], out: BinCondition[][]): void {
  if (!nd.split || allPositive(nd)) {
    if (nd.pos > nd.neg && path.length) out.push(toTerm(ctx, path));
    return;
  }
  const s = nd.split;
  const real = ctx.features[s.f]!.nBins - 1;
  if (s.levels) {
    const rest = Array.from({ length: real }, (_, l) => l).filter((l) => !s.levels!.includes(l));
    collect(ctx, nd.left!, [...path, { f: s.f, lo: -1, hi: -1, levels: s.levels }], out);
    collect(ctx, nd.right!, [...path, { f: s.f, lo: -1, hi: -1, levels: rest }], out);
  } else {
    collect(ctx, nd.left!, [...path, { f: s.f, lo: 0, hi: s.cut, levels: null }], out);
    collect(ctx, nd.right!, [...path, { f: s.f, lo: s.cut, hi: real, levels: null }], out);
  }
}

/** Merge a path's steps per column (first appearance order) into bin conditions. */
function toTerm(ctx: SearchContext, path: readonly Step[]): BinCondition[] {
  const merged: Step[] = [];
  for (const st of path) {
    const k = merged.findIndex((m) => m.f === st.f);
    if (k < 0) { merged.push(st); continue; }
    const m = merged[k]!;
    merged[k] = st.levels
      ? { ...m, levels: m.levels!.filter((l) => st.levels!.includes(l)) }
      : { ...m, lo: Math.max(m.lo, st.lo), hi: Math.min(m.hi, st.hi) };
  }
  return merged.map((m) => (m.levels ? levelCondition(m.f, ctx.features[m.f]!, m.levels) : rangeCondition(m.f, ctx.features[m.f]!, m.lo, m.hi)));
}
