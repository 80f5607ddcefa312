/**
 * The beam learner for one segment: the best term by beam search, then up to `max_terms − 1` further terms (ORed)
 * for rows the first leaves uncovered, each kept only when it raises the objective by `min_term_gain`; finally
 * conditions and terms that do not pay their penalty are pruned. {@link beamCandidates} gives the best rule for
 * every term budget; which budget (and whether the beam or the tree's paths) is chosen by inner validation in
 * select.ts.
 *
 * Cost: O(terms × depth × beam × rows × columns) for the search, O(passes × conditions × rows) for pruning.
 */
import { ruleMatches } from './condition.js';
import type { SearchResult } from './beam.js';
import type { BinCondition, SearchContext } from './types.js';
import { fBeta, searchTerm, searchTerms } from './beam.js';

/**
 * First terms tried when ORed terms are allowed: the best single box is not always the best start of a union
 * (a slightly worse but purer first box can leave a remainder a second box covers well).
 */
export const FIRST_TERM_STARTS = 3;


export interface InduceOptions {
  readonly maxTerms: number;
  readonly minTermGain: number;
}

type Terms = (readonly BinCondition[])[];

/** Weighted hits of an OR of terms over `rows`. */
export function termsHits(ctx: SearchContext, terms: readonly (readonly BinCondition[])[], rows: Int32Array): { tp: number; fp: number } {
  let tp = 0;
  let fp = 0;
  for (const r of rows) {
    if (!ruleMatches(terms, ctx.features, r)) continue;
    if (ctx.positive[r]) tp += ctx.weight[r]!;
    else fp += ctx.weight[r]!;
  }
  return { tp, fp };
}

/** The rows no term covers (a loop, not filter/some callbacks: the JIT recompiles a callback made per call). */
function uncoveredRows(ctx: SearchContext, terms: readonly (readonly BinCondition[])[], rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!ruleMatches(terms, ctx.features, r)) out[k++] = r;
  }
  return out.slice(0, k);
}

/** The penalised objective of a rule on `rows`. */
export function ruleObjective(ctx: SearchContext, terms: readonly (readonly BinCondition[])[], rows: Int32Array): number {
  const { tp, fp } = termsHits(ctx, terms, rows);
  const conditions = terms.reduce((k, t) => k + t.length, 0);
  return fBeta(tp, fp, ctx.totalPositive, ctx.beta) - ctx.penalty * conditions;
}

/**
 * Learn the terms describing `ctx.positive` over `rows` (the fit rows, weight > 0): the best of
 * {@link beamCandidates} by the in-sample objective. Empty when no condition helps.
 * @example
 * const terms = induceRule(ctx, fitRows, { maxTerms: 2, minTermGain: 0.01 });
 */
export function induceRule(ctx: SearchContext, rows: Int32Array, options: InduceOptions): Terms {
  let best: Terms = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const rule of beamCandidates(ctx, rows, options)) {
    const score = ruleObjective(ctx, rule, rows);
    if (score > bestScore) { best = rule; bestScore = score; }
  }
  return best;
}

/**
 * The beam learner's best rule with at most 1, 2, … `maxTerms` terms (index = terms − 1). For each of the
 * {@link FIRST_TERM_STARTS} first terms, ORed terms are added greedily over the rows still uncovered (kept while
 * the objective gains `minTermGain`); every prefix is revised and pruned; per size the best start wins.
 * Cost: starts × (maxTerms − 1 + maxTerms(maxTerms + 1) / 2) term searches.
 */
export function beamCandidates(ctx: SearchContext, rows: Int32Array, options: InduceOptions): Terms[] {
  // Starts rooted on different columns: near-copies of one box (25 vs 26 km) would all end the same way.
  const starts = searchTerms(ctx, rows, { tp: 0, fp: 0 }, 0, options.maxTerms > 1 ? FIRST_TERM_STARTS : 1);
  const best: Terms[] = Array.from({ length: options.maxTerms }, () => []);
  const bestScore = best.map(() => Number.NEGATIVE_INFINITY);
  for (const first of starts) {
    const grown = extend(ctx, rows, first, options);
    // Budgets beyond the terms grown would repeat the last one exactly (same prefix, same prune and revise); the
    // monotone pass below carries it up, with the same result.
    for (let k = 1; k <= Math.min(options.maxTerms, grown.length); k++) {
      const rule = k === 1 ? prune(ctx, grown.slice(0, 1), rows) : revise(ctx, rows, prune(ctx, grown.slice(0, k), rows));
      const score = ruleObjective(ctx, rule, rows);
      if (score > bestScore[k - 1]!) { best[k - 1] = rule; bestScore[k - 1] = score; }
    }
  }
  // A larger budget never does worse in-sample than a smaller one.
  for (let k = 1; k < best.length; k++) if (bestScore[k - 1]! >= bestScore[k]!) { best[k] = best[k - 1]!; bestScore[k] = bestScore[k - 1]!; }
  return best;
}

/** OR up to `maxTerms − 1` further terms onto a first term (unpruned; callers prune each prefix). */
function extend(ctx: SearchContext, rows: Int32Array, first: SearchResult, options: InduceOptions): Terms {
  const terms: Terms = [first.term];
  let score = first.score;
  let hits = { tp: first.tp, fp: first.fp };
  for (let k = 1; k < options.maxTerms; k++) {
    if (ctx.totalPositive - hits.tp <= 0) break;
    const uncovered = uncoveredRows(ctx, terms, rows);
    const conditions = terms.reduce((a, t) => a + t.length, 0);
    const next = searchTerm(ctx, uncovered, hits, conditions);
    if (!next || next.score - score < options.minTermGain) break;
    terms.push(next.term);
    score = next.score;
    hits = { tp: hits.tp + next.tp, fp: hits.fp + next.fp };
  }
  return terms;
}

/**
 * One revision pass (as in RIPPER's optimisation phase): each term of a union is searched again with the other
 * terms fixed, over the rows they leave uncovered, and replaced when the whole rule improves. A first box chosen
 * alone is often too wide once a second box covers the remainder.
 */
export function revise(ctx: SearchContext, rows: Int32Array, terms: Terms): Terms {
  if (terms.length < 2) return terms;
  let current = terms;
  let score = ruleObjective(ctx, current, rows);
  for (let i = 0; i < current.length; i++) {
    const others = current.filter((_, j) => j !== i);
    const uncovered = uncoveredRows(ctx, others, rows);
    const base = termsHits(ctx, others, rows);
    const again = searchTerm(ctx, uncovered, base, others.reduce((a, t) => a + t.length, 0));
    if (!again) continue;
    const candidate = current.map((t, j) => (j === i ? again.term : t));
    const s = ruleObjective(ctx, candidate, rows);
    if (s > score) { current = candidate; score = s; }
  }
  return prune(ctx, current, rows);
}

/**
 * Greedy backward pruning: repeatedly drop the single condition (or whole term, when there are several) whose
 * removal raises the penalised objective most, while it does not lower it.
 */
export function prune(ctx: SearchContext, terms: Terms, rows: Int32Array): Terms {
  let current = terms.map((t) => [...t]);
  let score = ruleObjective(ctx, current, rows);
  for (;;) {
    let bestScore = Number.NEGATIVE_INFINITY;
    let bestRule: Terms | null = null;
    const consider = (rule: Terms): void => {
      const s = ruleObjective(ctx, rule, rows);
      if (s > bestScore) { bestScore = s; bestRule = rule; }
    };
    current.forEach((t, i) => {
      if (current.length > 1) consider(current.filter((_, j) => j !== i));
      if (t.length > 1) t.forEach((_, c) => consider(current.map((u, j) => (j === i ? u.filter((__, d) => d !== c) : u))));
    });
    if (!bestRule || bestScore < score) break;
    current = bestRule;
    score = bestScore;
  }
  return current;
}
