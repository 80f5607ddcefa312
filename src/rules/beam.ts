/**
 * Beam search for one conjunction (a term) that picks out one segment against the rest.
 *
 * Each beam state keeps the rows it still covers. Expanding a state builds, per unused column, a histogram of
 * segment / non-segment weight over bins; prefix sums then score every candidate condition (`≥ t`, `< t`,
 * `a ≤ x < b`, `= 0|1`, `∈ {levels}`) in O(1). The objective is F-beta minus a penalty per condition; rows
 * already covered by earlier terms enter as a fixed base (for OR-ed terms).
 *
 * Cost per depth: O(beam width × covered rows × columns + beam width × columns × thresholds²).
 */
import type { BinCondition, SearchContext } from './types.js';
import { levelCondition, rangeCondition, termKey } from './condition.js';
import { sortByPositiveShare } from './cart.js';

/** Weighted F-beta from true positives, false positives and the total positive weight. */
export function fBeta(tp: number, fp: number, totalPositive: number, beta: number): number {
  const b2 = beta * beta;
  const num = (1 + b2) * tp;
  const den = num + b2 * (totalPositive - tp) + fp;
  return den > 0 ? num / den : 0;
}

export interface SearchResult {
  readonly term: readonly BinCondition[];
  /** Weighted true / false positives among the active rows. */
  readonly tp: number;
  readonly fp: number;
  /** Objective including the base and the penalty. */
  readonly score: number;
}

interface State { readonly conds: readonly BinCondition[]; readonly rows: Int32Array; readonly tp: number; readonly fp: number }
interface Candidate { score: number; state: number; f: number; lo: number; hi: number; levels: number[] | null; tp: number; fp: number }

/** Children one beam state may have on one column at each depth. */
export const PER_BRANCH = 2;

/**
 * Keeps the best `cap` candidates, highest score first; ties keep the earlier one. Columns of typed arrays, not
 * an array of objects: the search offers it millions of candidates per rule stage, and an object (with its
 * boxed numbers) per offer was most of that stage's garbage.
 */
class TopList {
  private n = 0;
  private readonly score: Float64Array;
  private readonly tp: Float64Array;
  private readonly fp: Float64Array;
  private readonly state: Int32Array;
  private readonly f: Int32Array;
  private readonly lo: Int32Array;
  private readonly hi: Int32Array;
  private readonly levels: (number[] | null)[];
  constructor(private readonly cap: number) {
    this.score = new Float64Array(cap);
    this.tp = new Float64Array(cap);
    this.fp = new Float64Array(cap);
    this.state = new Int32Array(cap);
    this.f = new Int32Array(cap);
    this.lo = new Int32Array(cap);
    this.hi = new Int32Array(cap);
    this.levels = new Array<number[] | null>(cap).fill(null);
  }
  worst(): number {
    return this.n < this.cap ? Number.NEGATIVE_INFINITY : this.score[this.n - 1]!;
  }
  add(score: number, state: number, f: number, lo: number, hi: number, levels: number[] | null, tp: number, fp: number): void {
    let i = this.n;
    while (i > 0 && this.score[i - 1]! < score) i--;
    if (i >= this.cap) return; // would fall off the end at once
    const end = Math.min(this.n, this.cap - 1); // [i, end) moves one down; a full list drops its last
    this.score.copyWithin(i + 1, i, end);
    this.tp.copyWithin(i + 1, i, end);
    this.fp.copyWithin(i + 1, i, end);
    this.state.copyWithin(i + 1, i, end);
    this.f.copyWithin(i + 1, i, end);
    this.lo.copyWithin(i + 1, i, end);
    this.hi.copyWithin(i + 1, i, end);
    for (let j = end; j > i; j--) this.levels[j] = this.levels[j - 1]!;
    this.score[i] = score;
    this.tp[i] = tp;
    this.fp[i] = fp;
    this.state[i] = state;
    this.f[i] = f;
    this.lo[i] = lo;
    this.hi[i] = hi;
    this.levels[i] = levels;
    if (this.n < this.cap) this.n++;
  }
  /** The kept candidates, best first. */
  items(): Candidate[] {
    const out: Candidate[] = [];
    for (let i = 0; i < this.n; i++) {
      out.push({ score: this.score[i]!, state: this.state[i]!, f: this.f[i]!, lo: this.lo[i]!, hi: this.hi[i]!, levels: this.levels[i]!, tp: this.tp[i]!, fp: this.fp[i]! });
    }
    return out;
  }
}

/**
 * Best term over `activeRows` (rows not yet covered), given the weighted hits of earlier terms (`base`) and the
 * number of conditions they use. Null when no condition improves on covering nothing.
 * @example
 * const best = searchTerm(ctx, fitRows, { tp: 0, fp: 0 }, 0);
 */
export function searchTerm(ctx: SearchContext, activeRows: Int32Array, base: { tp: number; fp: number }, baseConditions: number): SearchResult | null {
  return searchTerms(ctx, activeRows, base, baseConditions, 1)[0] ?? null;
}

/**
 * The best term met during the search (any depth) for each column of its first condition; the `keep` best of
 * those, best first. Different roots give genuinely different starts for a union of terms.
 */
export function searchTerms(ctx: SearchContext, activeRows: Int32Array, base: { tp: number; fp: number }, baseConditions: number, keep: number): SearchResult[] {
  const { features, weight, positive } = ctx;
  let rootTp = 0;
  let rootFp = 0;
  for (const r of activeRows) {
    if (positive[r]) rootTp += weight[r]!;
    else rootFp += weight[r]!;
  }
  let beam: State[] = [{ conds: [], rows: activeRows, tp: rootTp, fp: rootFp }];
  const bestByRoot = new Map<number, SearchResult>();
  const scratch: Scratch = { hp: new Float64Array(256), hn: new Float64Array(256), cp: new Float64Array(257), cn: new Float64Array(257) };
  for (let depth = 1; depth <= ctx.maxConditions && beam.length; depth++) {
    const top = new TopList(ctx.beamWidth * 8);
    for (let s = 0; s < beam.length; s++) expandState(ctx, beam[s]!, s, depth, top, base, baseConditions, scratch);
    const next: State[] = [];
    const seen = new Set<string>();
    const perBranch = new Map<string, number>();
    for (const c of top.items()) {
      if (next.length >= ctx.beamWidth) break;
      // Diversity: at most PER_BRANCH children of one state on one column (else the beam fills with near-copies).
      const branch = `${c.state}:${c.f}`;
      const used = perBranch.get(branch) ?? 0;
      if (used >= PER_BRANCH) continue;
      perBranch.set(branch, used + 1);
      const parent = beam[c.state]!;
      const feat = features[c.f]!;
      const cond = c.levels ? levelCondition(c.f, feat, c.levels) : rangeCondition(c.f, feat, c.lo, c.hi);
      const conds = [...parent.conds, cond];
      const key = termKey(conds);
      if (seen.has(key)) continue;
      seen.add(key);
      const rows = filterRows(parent.rows, feat.bins, cond.mask);
      next.push({ conds, rows, tp: c.tp, fp: c.fp });
      const root = conds[0]!.f;
      const prev = bestByRoot.get(root);
      if (!prev || c.score > prev.score) bestByRoot.set(root, { term: conds, tp: c.tp, fp: c.fp, score: c.score });
    }
    beam = next;
  }
  // Stable sort: ties keep the order roots were first met in, which is deterministic.
  return [...bestByRoot.values()].sort((a, b) => b.score - a.score).slice(0, keep);
}

/** Histogram scratch for {@link expandState}, allocated once per search. */
interface Scratch { readonly hp: Float64Array; readonly hn: Float64Array; readonly cp: Float64Array; readonly cn: Float64Array }

/**
 * Score every one-condition extension of beam state `s` into `top`. A module-level function rather than a
 * callback made per search: its hot loops are compiled once for the process and stay compiled.
 */
function expandState(ctx: SearchContext, state: State, s: number, depth: number, top: TopList, base: { tp: number; fp: number }, baseConditions: number, scratch: Scratch): void {
  const { features, weight, positive } = ctx;
  const { hp, hn, cp, cn } = scratch;
  const used = new Set(state.conds.map((c) => c.f));
  const penaltyNow = ctx.penalty * (baseConditions + depth);
  const totalPositive = ctx.totalPositive;
  for (const f of ctx.usable) {
    if (used.has(f)) continue;
    const feat = features[f]!;
    const bins = feat.bins;
    hp.fill(0, 0, feat.nBins);
    hn.fill(0, 0, feat.nBins);
    const rows = state.rows;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      if (positive[r]) hp[bins[r]!]! += weight[r]!;
      else hn[bins[r]!]! += weight[r]!;
    }
    if (feat.kind === 'categorical') {
      // level sets: the first j levels by positive share (Breiman's ordering)
      const present: number[] = [];
      for (let l = 0; l < feat.nBins - 1; l++) if (hp[l]! + hn[l]! > 0) present.push(l);
      sortByPositiveShare(present, hp, hn);
      let tp = 0;
      let fp = 0;
      for (let k = 0; k < present.length - 1; k++) {
        tp += hp[present[k]!]!;
        fp += hn[present[k]!]!;
        if (tp <= 0 || (tp === state.tp && fp === state.fp)) continue;
        const score = fBeta(base.tp + tp, base.fp + fp, totalPositive, ctx.beta) - penaltyNow;
        if (score > top.worst()) top.add(score, s, f, -1, -1, present.slice(0, k + 1), tp, fp);
      }
      continue;
    }
    const real = feat.nBins - 1; // bins 0..m; the last one is missing
    cp[0] = 0;
    cn[0] = 0;
    for (let b = 0; b < real; b++) {
      cp[b + 1] = cp[b]! + hp[b]!;
      cn[b + 1] = cn[b]! + hn[b]!;
    }
    // Open-ended cuts first for each lower bound: on a tie (an upper bound that only drops rows another term
    // already covers, or no rows at all) the candidate met first is kept, so no arbitrary bound is added.
    // This loop meets O(bins²) candidates per column and state: fBeta is inlined by hand (same operations, same
    // results), since called here it took and returned boxed numbers.
    const b2 = ctx.beta * ctx.beta;
    const onePlusB2 = 1 + b2;
    let worst = top.worst();
    for (let lo = 0; lo < real; lo++) {
      // F-beta rises with tp and falls with fp, so no cut starting at `lo` beats all of lo's positives with no
      // negatives; when even that cannot reach the list, skip lo (margin 1e-9 ≫ rounding: same result).
      if (worst > Number.NEGATIVE_INFINITY && fBeta(base.tp + (cp[real]! - cp[lo]!), base.fp, totalPositive, ctx.beta) - penaltyNow < worst - 1e-9) continue;
      for (let hi = real; hi > lo; hi--) {
        if (lo === 0 && hi === real) continue;
        const tp = cp[hi]! - cp[lo]!;
        const fp = cn[hi]! - cn[lo]!;
        if (tp <= 0 || (tp === state.tp && fp === state.fp)) continue;
        const tpAll = base.tp + tp;
        const num = onePlusB2 * tpAll;
        const den = num + b2 * (totalPositive - tpAll) + (base.fp + fp);
        const score = (den > 0 ? num / den : 0) - penaltyNow;
        if (score > worst) {
          top.add(score, s, f, lo, hi, null, tp, fp);
          worst = top.worst();
        }
      }
    }
  }
}

/** Rows whose bin passes the mask. O(rows). */
export function filterRows(rows: Int32Array, bins: Uint8Array, mask: Uint8Array): Int32Array {
  const out = new Int32Array(rows.length);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (mask[bins[r]!]) out[k++] = r;
  }
  return out.slice(0, k);
}
