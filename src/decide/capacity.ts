/**
 * Capacity search for one monotone integer factor: the smallest level whose service target holds with the
 * stated confidence, found by bisection with a sequential test at each visited level, not by a full grid.
 *
 * Procedure (after the feasibility-check idea of Andradóttir & Kim 2010, "Fully sequential procedures for
 * comparing constrained systems via simulation", Naval Research Logistics 57(5), with Student-t intervals in
 * place of their indifference-zone boundaries):
 * 1. Test the highest level, then the lowest (each with `testLevel`: batches of replications until the
 *    level's interval lies wholly on one side of the target, or the cap → undecided).
 * 2. If the highest is not shown feasible there is no answer (`none_feasible`); if the lowest is, it is the
 *    answer. Otherwise bisect between the last level not shown feasible and the first shown feasible.
 *    An undecided level is treated as not shown feasible (conservative: the search moves up), and listed.
 * 3. After every level, check the evidence for monotonicity (`monotone.ts`); a contradiction stops the
 *    search with status `non_monotone` and the pair of levels — bisection would be meaningless.
 *
 * Confidence statement: α = 1 − confidence is split by Bonferroni over the most levels bisection can visit
 * (V = 2 + ⌈log₂(m − 1)⌉ for m levels) and over the looks of each level's test (K). With probability ≥
 * confidence every interval computed covers its level's mean, and then every verdict is right: the level
 * returned meets the target, and it is the smallest that does unless a level below it was undecided.
 * Common random numbers: replication r of every level must use the same random streams (the evaluator's
 * job); the paired monotonicity check relies on it.
 *
 * Cost: at most V·cap evaluations; O(V²·cap) bookkeeping.
 */
import type { InputIssue } from '../errors.js';
import type { Procedure } from './drive.js';
import type { LevelPlan, LevelRecord } from './levelTest.js';
import { lookSchedule, testLevel } from './levelTest.js';
import type { NonMonotoneEvidence } from './monotone.js';
import { findNonMonotone } from './monotone.js';
import type { Target } from './target.js';
import { wantsHigh } from './target.js';

/** What to search and how hard. */
export interface CapacityOptions {
  /** Candidate levels, strictly increasing (e.g. nurses 1..12). More of the factor must never hurt. */
  readonly levels: readonly number[];
  readonly target: Pick<Target, 'op' | 'value'>;
  /** Simultaneous confidence of the whole search, in (0, 1); default 0.95. */
  readonly confidence?: number;
  /** Replications at a level's first look (≥ 2); default 10. */
  readonly initialReplications?: number;
  /** Replication cap per level; default 320. */
  readonly maxReplications?: number;
  /** Factor by which each look grows the replications; default 2. */
  readonly growth?: number;
  /** Worsening with more of the factor that still counts as flat (see `findNonMonotone`); default 0. */
  readonly monotoneTolerance?: number;
}

export type CapacityStatus = 'found' | 'none_feasible' | 'non_monotone';

/** The answer with everything needed to show how it was reached. */
export interface CapacityResult {
  readonly status: CapacityStatus;
  /** Smallest level shown feasible (`null` unless `found`). */
  readonly level: number | null;
  readonly confidence: number;
  /** Two-sided error of each interval: (1 − confidence) / (levels bound · looks). */
  readonly alphaPerLook: number;
  /** Bonferroni divisors: the most levels the procedure may visit, and the looks per level. */
  readonly levelsBound: number;
  readonly looksPerLevel: number;
  /** Every level tried, in visit order. */
  readonly visited: readonly LevelRecord[];
  readonly replications: number;
  /** Levels whose test reached the cap without a verdict. */
  readonly undecided: readonly number[];
  readonly nonMonotone: NonMonotoneEvidence | null;
  /** One sentence for the report or an error line. */
  readonly message: string;
}

/** Defaults, with their reasons. */
export const CAPACITY_DEFAULTS = {
  confidence: 0.95,
  /** Ten replications give a usable first variance estimate (t₀.₉₉₅,₉ ≈ 3.25 vs z ≈ 2.58). */
  initialReplications: 10,
  /** 32× the first look: a level within about half an interval of the target stays undecided, not endless. */
  maxReplications: 320,
  /** Doubling keeps the looks few (Bonferroni pays per look) while wasting at most half the last batch. */
  growth: 2,
} as const;

/**
 * The most levels bisection visits over m levels: the two ends, then ⌈log₂(m − 1)⌉ midpoints.
 * @example
 * bisectionVisitBound(12); // 6
 */
export function bisectionVisitBound(m: number): number {
  return m <= 1 ? 1 : 2 + Math.ceil(Math.log2(m - 1));
}

/**
 * Checked options and the level plan for a given Bonferroni bound on levels (throws on misuse). O(m).
 * @example
 * planFor({ levels: [1, 2, 3], target }, 3).plan.alphaPerLook; // 0.05 / (3 levels · 6 looks)
 */
export function planFor(opts: CapacityOptions, levelsBound: number): { plan: LevelPlan; confidence: number } {
  const { levels } = opts;
  if (levels.length === 0) throw new Error('capacitySearch: no levels');
  for (let i = 1; i < levels.length; i++) {
    if (!(levels[i]! > levels[i - 1]!)) {
      throw new Error(`capacitySearch: levels must increase, got ${levels[i - 1]} then ${levels[i]}`);
    }
  }
  const confidence = opts.confidence ?? CAPACITY_DEFAULTS.confidence;
  if (!(confidence > 0 && confidence < 1)) {
    throw new Error(`capacitySearch: confidence must be in (0, 1), got ${confidence}`);
  }
  const schedule = lookSchedule(opts.initialReplications ?? CAPACITY_DEFAULTS.initialReplications,
    opts.maxReplications ?? CAPACITY_DEFAULTS.maxReplications, opts.growth ?? CAPACITY_DEFAULTS.growth);
  const alphaPerLook = (1 - confidence) / (levelsBound * schedule.length);
  return { plan: { target: opts.target, schedule, alphaPerLook }, confidence };
}

/**
 * The bisection procedure (a generator; run it with `runProcedure` or `runProcedureAsync`).
 * @example
 * const r = runProcedure(capacitySearch({ levels: [1, 2, 3, 4, 5, 6, 7, 8], target: { op: '>=', value: 0.9 } }),
 *   (c, rep) => servedShare(c, rep));
 * r.level; // smallest c with served share ≥ 0.9 at 95% confidence
 */
export function* capacitySearch(opts: CapacityOptions): Procedure<CapacityResult> {
  const m = opts.levels.length;
  const levelsBound = bisectionVisitBound(m);
  const { plan, confidence } = planFor(opts, levelsBound);
  const visited: LevelRecord[] = [];
  const done = (status: CapacityStatus, level: number | null, evidence: NonMonotoneEvidence | null = null) =>
    summarise({ status, level, confidence, plan, levelsBound, visited, evidence, target: opts.target });
  const visit = function* (i: number): Procedure<NonMonotoneEvidence | null> {
    visited.push(yield* testLevel(opts.levels[i]!, plan));
    return findNonMonotone(visited, wantsHigh(opts.target), plan.alphaPerLook, undefined, opts.monotoneTolerance ?? 0);
  };
  yield* visit(m - 1);
  const top = visited[0]!;
  if (m === 1) return top.verdict === 'feasible' ? done('found', top.level) : done('none_feasible', null);
  let evidence = yield* visit(0);
  if (evidence) return done('non_monotone', null, evidence);
  if (visited[1]!.verdict === 'feasible') return done('found', opts.levels[0]!); // even if the top is undecided
  if (top.verdict !== 'feasible') return done('none_feasible', null);
  let lo = 0, hi = m - 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    evidence = yield* visit(mid);
    if (evidence) return done('non_monotone', null, evidence);
    if (visited[visited.length - 1]!.verdict === 'feasible') hi = mid;
    else lo = mid;
  }
  return done('found', opts.levels[hi]!);
}

/**
 * The full-grid baseline at equal confidence: every level tested with α split over all m levels; the answer
 * is the smallest level shown feasible. Used to show what the bisection saves (bench and tests), and the
 * stated fallback when the measure is not monotone: every level has its own verdict, so the answer stands;
 * the evidence is kept in `nonMonotone` and named in the message.
 * @example
 * runProcedure(capacityGrid(options), evaluate).replications; // ≥ the bisection's, at the same confidence
 */
export function* capacityGrid(opts: CapacityOptions): Procedure<CapacityResult> {
  const { plan, confidence } = planFor(opts, opts.levels.length);
  const visited: LevelRecord[] = [];
  for (const level of opts.levels) visited.push(yield* testLevel(level, plan));
  const evidence = findNonMonotone(visited, wantsHigh(opts.target), plan.alphaPerLook, undefined, opts.monotoneTolerance ?? 0);
  const first = visited.find((r) => r.verdict === 'feasible');
  const base = { confidence, plan, levelsBound: opts.levels.length, visited, target: opts.target };
  const result = summarise({ ...base, status: first ? 'found' : 'none_feasible', level: first?.level ?? null, evidence });
  if (!evidence) return result;
  return { ...result, message: `${result.message} ${describe({ ...base, status: 'non_monotone', level: null, evidence }, [])}`
    .replace(/; bisection does not apply \(use a grid\)\.$/, ': the grid judges every level on its own.') };
}

/**
 * Input issues for a result the CLI must refuse (exit 2, nothing written): a non-monotone factor where
 * bisection was asked for. Empty otherwise. `path` names the option, e.g. `--vary program.nurses`.
 * @example
 * capacityIssues(result, '--vary program.nurses'); // [{ code: 'non_monotone', path: '--vary program.nurses', … }]
 */
export function capacityIssues(result: Pick<CapacityResult, 'status' | 'message'>, path: string): InputIssue[] {
  if (result.status !== 'non_monotone') return [];
  return [{ code: 'non_monotone', path, message: result.message }];
}

interface Summary {
  status: CapacityStatus;
  level: number | null;
  confidence: number;
  plan: LevelPlan;
  levelsBound: number;
  visited: readonly LevelRecord[];
  evidence: NonMonotoneEvidence | null;
  target: Pick<Target, 'op' | 'value'>;
}

function summarise(s: Summary): CapacityResult {
  const replications = s.visited.reduce((t, r) => t + r.replications, 0);
  const undecided = s.visited.filter((r) => r.verdict === 'undecided').map((r) => r.level).sort((a, b) => a - b);
  return {
    status: s.status, level: s.level, confidence: s.confidence, alphaPerLook: s.plan.alphaPerLook,
    levelsBound: s.levelsBound, looksPerLevel: s.plan.schedule.length, visited: s.visited, replications,
    undecided, nonMonotone: s.evidence, message: describe(s, undecided),
  };
}

function describe(s: Summary, undecided: readonly number[]): string {
  const pct = `${(100 * s.confidence).toFixed(0)}%`;
  const named = (s.target as Partial<Target>).measure;
  const want = `${named ? `${named} ` : ''}${s.target.op} ${s.target.value}`;
  const caveat = undecided.length === 0 ? '' : ` Levels ${undecided.join(', ')} stayed undecided at the`
    + ' replication cap and were treated as not shown feasible.';
  if (s.status === 'found') {
    return `Level ${s.level} is the smallest shown to meet ${want} at ${pct} confidence.${caveat}`;
  }
  if (s.status === 'none_feasible') return `No level was shown to meet ${want} at ${pct} confidence.${caveat}`;
  const e = s.evidence!;
  const how = e.kind === 'verdicts' ? `level ${e.lower} meets ${want} but level ${e.higher} does not`
    : `level ${e.higher} is worse than level ${e.lower} by ${(-e.difference.mean).toPrecision(3)}`
      + ' (paired interval excludes 0)';
  return `The measure is not monotone in the factor: ${how}; bisection does not apply (use a grid).`;
}

/** One row of `capacity.csv`: a level tried. */
export interface CapacityRow {
  readonly level: number;
  readonly order: number;
  readonly replications: number;
  readonly mean: number;
  readonly sd: number;
  readonly ci_low: number;
  readonly ci_high: number;
  readonly interval_confidence: number;
  readonly verdict: string;
}

/**
 * The levels tried as flat rows for `capacity.csv`, sorted by level (`order` keeps the visit order); the
 * writer in `src/report/` formats and writes them. O(v log v).
 * @example
 * capacityRows(result)[0]; // { level: 1, order: 2, replications: 10, mean: 0.107, …, verdict: 'infeasible' }
 */
export function capacityRows(result: Pick<CapacityResult, 'visited'>): CapacityRow[] {
  return result.visited
    .map((r, i) => ({
      level: r.level, order: i + 1, replications: r.replications, mean: r.mean, sd: r.sd, ci_low: r.ciLow,
      ci_high: r.ciHigh, interval_confidence: r.intervalConfidence, verdict: r.verdict,
    }))
    .sort((a, b) => a.level - b.level);
}
