/**
 * Cheapest capacity over several monotone integer factors (e.g. nurses × home units a day): a feasibility
 * check over a small grid that never tests the whole grid.
 *
 * Procedure (a staircase search; feasibility checking in the sense of Batur & Kim 2010, "Finding feasible
 * systems in the presence of constraints on multiple performance measures", ACM TOMACS 20(3), with the
 * one-factor bisection of `capacity.ts` as the inner step):
 * - Rows are the combinations of every factor but the last, in lexicographic order (a linear extension of
 *   componentwise order, so a row comes after every row it dominates). In each row the last factor is
 *   searched by `capacitySearch` at confidence 1 − α/rows (Bonferroni over rows).
 * - Monotone pruning: a row that dominates an earlier row whose answer was level b needs at most b, so its
 *   search is restricted to levels ≤ b (b itself is re-tested: if it fails there, more of the other factors
 *   made things worse — `non_monotone`).
 * - Cost pruning: `cost` must not decrease in any factor; a row whose cheapest combination already costs at
 *   least the best answer so far is skipped.
 * Confidence statement: with probability ≥ confidence every row's statement holds, so the answer meets the
 * target, and every cheaper combination was shown (or, by dominance, inferred) not to — unless a level was
 * left undecided, which the row results list.
 * Common random numbers: replication r of every combination must use the same streams.
 *
 * Requests carry `level` = the combination's index in {@link combinations}(factors) (last factor fastest).
 * Cost: at most rows × (2 + ⌈log₂(m − 1)⌉) levels tested, m = levels of the last factor.
 */
import type { CapacityOptions, CapacityResult } from './capacity.js';
import { capacitySearch } from './capacity.js';
import type { Procedure } from './drive.js';

/** One factor and its candidate levels (strictly increasing). */
export interface CapacityFactor {
  readonly name: string;
  readonly levels: readonly number[];
}

export interface MultiCapacityOptions extends Omit<CapacityOptions, 'levels'> {
  readonly factors: readonly CapacityFactor[];
  /** Cost of a combination (values in factor order); must not decrease when any factor grows. */
  readonly cost: (combination: readonly number[]) => number;
}

/** One row's outcome: its search, or why it was skipped. */
export interface RowOutcome {
  /** Values of every factor but the last. */
  readonly row: readonly number[];
  readonly search: CapacityResult | null;
  readonly skipped: 'cost' | null;
}

export interface MultiCapacityResult {
  readonly status: 'found' | 'none_feasible' | 'non_monotone';
  readonly combination: readonly number[] | null;
  readonly cost: number | null;
  readonly confidence: number;
  readonly rows: readonly RowOutcome[];
  readonly replications: number;
  readonly message: string;
}

/**
 * Every combination of the factors' levels, last factor fastest (the index requests refer to).
 * @example
 * combinations([{ name: 'a', levels: [1, 2] }, { name: 'b', levels: [5, 6] }]); // [[1,5],[1,6],[2,5],[2,6]]
 */
export function combinations(factors: readonly CapacityFactor[]): number[][] {
  let out: number[][] = [[]];
  for (const f of factors) out = out.flatMap((c) => f.levels.map((v) => [...c, v]));
  return out;
}

/**
 * The staircase procedure (a generator; run it with `runProcedure` / `runProcedureAsync`, mapping the
 * request's `level` through `combinations(factors)`).
 * @example
 * const all = combinations(factors);
 * runProcedure(cheapestCapacity({ factors, cost, target }), (i, r) => served(all[i]!, r)).combination;
 */
export function* cheapestCapacity(opts: MultiCapacityOptions): Procedure<MultiCapacityResult> {
  if (opts.factors.length === 0) throw new Error('cheapestCapacity: no factors');
  const last = opts.factors[opts.factors.length - 1]!;
  const rows = combinations(opts.factors.slice(0, -1));
  const confidence = opts.confidence ?? 0.95;
  const rowConfidence = 1 - (1 - confidence) / rows.length;
  const m = last.levels.length;
  const outcomes: RowOutcome[] = [];
  const answers: { row: readonly number[]; index: number }[] = [];
  let best: { combination: number[]; cost: number } | null = null;
  const finish = (status: MultiCapacityResult['status'], note = ''): MultiCapacityResult =>
    summarise(status, best, confidence, outcomes, note);
  for (let ri = 0; ri < rows.length; ri++) {
    const row = rows[ri]!;
    if (best && opts.cost([...row, last.levels[0]!]) >= best.cost) {
      outcomes.push({ row, search: null, skipped: 'cost' });
      continue;
    }
    const cap = answers.filter((a) => dominates(row, a.row)).reduce((c, a) => Math.min(c, a.index), m - 1);
    const levels = last.levels.slice(0, cap + 1);
    const search = yield* remap(capacitySearch({ ...opts, levels, confidence: rowConfidence }), (level) =>
      ri * m + last.levels.indexOf(level));
    outcomes.push({ row, search, skipped: null });
    if (search.status === 'non_monotone') return finish('non_monotone', search.message);
    const top = search.visited.find((v) => v.level === levels[levels.length - 1]);
    if (cap < m - 1 && top?.verdict === 'infeasible') {
      return finish('non_monotone', `More of ${opts.factors.slice(0, -1).map((f) => f.name).join(', ')} `
        + `made ${[...row, top.level].join('×')} fail where a smaller combination met the target.`);
    }
    if (search.status !== 'found') continue;
    answers.push({ row, index: last.levels.indexOf(search.level!) });
    const combination = [...row, search.level!];
    const cost = opts.cost(combination);
    if (!best || cost < best.cost) best = { combination, cost };
  }
  return finish(best ? 'found' : 'none_feasible');
}

/** Re-label a procedure's requests (row-local level → combination index). */
function* remap<R>(procedure: Procedure<R>, label: (level: number) => number): Procedure<R> {
  let step = procedure.next();
  while (!step.done) {
    const values = yield { ...step.value, level: label(step.value.level) };
    step = procedure.next(values);
  }
  return step.value;
}

/** a ≥ b componentwise. */
function dominates(a: readonly number[], b: readonly number[]): boolean {
  return a.every((v, i) => v >= b[i]!);
}

function summarise(
  status: MultiCapacityResult['status'], best: { combination: number[]; cost: number } | null,
  confidence: number, rows: readonly RowOutcome[], note: string,
): MultiCapacityResult {
  const replications = rows.reduce((t, r) => t + (r.search?.replications ?? 0), 0);
  const pct = `${(100 * confidence).toFixed(0)}%`;
  const message = status === 'found'
    ? `Cheapest combination shown to meet the target at ${pct} confidence: ${best!.combination.join('×')} `
      + `(cost ${best!.cost}).`
    : status === 'none_feasible' ? `No combination was shown to meet the target at ${pct} confidence.` : note;
  return {
    status, combination: status === 'found' ? best!.combination : null, cost: status === 'found' ? best!.cost : null,
    confidence, rows, replications, message,
  };
}
