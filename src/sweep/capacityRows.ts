/**
 * One answer of the capacity search (one row: a combination of the non-capacity settings): the procedure for
 * it — bisection or grid over one capacity factor, the staircase over several — and its result in one shape
 * for the outputs, whatever procedure produced it.
 *
 * Cost: the procedure's (see src/decide/capacity.ts, capacityMulti.ts).
 */
import type { CapacityResult, LevelRecord, MultiCapacityResult, Procedure } from '../decide/index.js';
import { capacityGrid, capacitySearch, cheapestCapacity, combinations } from '../decide/index.js';
import type { Scenario } from '../scenario/schema.js';
import type { CapacityManifest } from './capacityManifest.js';
import { rowLabel } from './capacityManifest.js';
import type { Factor } from './vary.js';

/** A level tried, by the values of every varied setting. */
export interface TriedLevel {
  readonly values: Readonly<Record<string, number>>;
  readonly order: number;
  readonly record: LevelRecord;
}

/** One row's answer in the outputs' shape. */
export interface RowAnswer {
  readonly row: Readonly<Record<string, number>>;
  readonly label: string;
  readonly status: CapacityResult['status'];
  /** Values of the capacity factors at the answer, or null. */
  readonly answer: Readonly<Record<string, number>> | null;
  readonly replications: number;
  readonly tried: readonly TriedLevel[];
  readonly message: string;
  /** Levels left undecided at the replication cap (by their values). */
  readonly undecided: readonly Readonly<Record<string, number>>[];
}

/** A row's procedure and how its request levels map to the settings' values. */
export interface RowPlan {
  readonly procedure: Procedure<CapacityResult | MultiCapacityResult>;
  readonly valuesOf: (level: number) => Record<string, number>;
  readonly finish: (result: CapacityResult | MultiCapacityResult) => RowAnswer;
}

/**
 * Cost of a capacity combination for the staircase (must not decrease in any factor): a nurse costs a day's
 * paid hours (`program.shift_hours` × `costs.nurse_hour_cost`), a home unit a day costs `costs.unit_cost`
 * (the worst case: released and wasted), any other `program.*` setting 1 a unit. O(k).
 * @example
 * capacityCost(scenario, factors)([2, 8]); // 2 · 8 h · 35 + 8 · 210
 */
export function capacityCost(
  scenario: Scenario, factors: readonly Factor[],
): (combination: readonly number[]) => number {
  const costs = scenario.costs as Record<string, unknown>;
  const num = (k: string, fallback: number) => (typeof costs[k] === 'number' ? (costs[k] as number) : fallback);
  const price = factors.map((f) => {
    if (f.path === 'program.nurses') return scenario.program.shift_hours * num('nurse_hour_cost', 1);
    if (f.path === 'program.home_units_per_day') return num('unit_cost', 1);
    return 1;
  });
  return (c) => c.reduce((t, v, i) => t + v * price[i]!, 0);
}

/**
 * The procedure for one row of the manifest. O(levels).
 * @example
 * const plan = rowPlan(manifest, {}); runProcedure(plan.procedure, …); plan.finish(result).answer;
 */
export function rowPlan(m: CapacityManifest, row: Readonly<Record<string, number>>): RowPlan {
  const options = { target: m.target, confidence: m.confidence, ...m.schedule, monotoneTolerance: m.monotoneTolerance };
  const label = rowLabel(row);
  if (m.capacity.length === 1) {
    const f = m.capacity[0]!;
    const valuesOf = (level: number) => ({ ...row, [f.path]: level });
    const levels = [...f.levels].sort((a, b) => a - b);
    const procedure = m.procedure === 'grid' ? capacityGrid({ ...options, levels })
      : capacitySearch({ ...options, levels });
    return { procedure, valuesOf, finish: (r) => fromSingle(row, label, r as CapacityResult, valuesOf, f.path) };
  }
  const factors = m.capacity.map((f) => ({ name: f.path, levels: [...f.levels].sort((a, b) => a - b) }));
  const all = combinations(factors);
  const valuesOf = (index: number) => ({
    ...row, ...Object.fromEntries(m.capacity.map((f, i) => [f.path, all[index]![i]!])),
  });
  const procedure = cheapestCapacity({ ...options, factors, cost: capacityCost(m.scenario, m.capacity) });
  return { procedure, valuesOf, finish: (r) => fromMulti(row, label, r as MultiCapacityResult, m.capacity) };
}

function fromSingle(
  row: Readonly<Record<string, number>>, label: string, r: CapacityResult,
  valuesOf: (level: number) => Record<string, number>, path: string,
): RowAnswer {
  return {
    row, label, status: r.status, answer: r.level === null ? null : { [path]: r.level }, replications: r.replications,
    tried: r.visited.map((record, i) => ({ values: valuesOf(record.level), order: i + 1, record })),
    message: r.message, undecided: r.undecided.map(valuesOf),
  };
}

function fromMulti(
  row: Readonly<Record<string, number>>, label: string, r: MultiCapacityResult, capacity: readonly Factor[],
): RowAnswer {
  const tried: TriedLevel[] = [];
  const undecided: Record<string, number>[] = [];
  for (const outcome of r.rows) {
    // a row's search visits values of the last factor; the other factors hold the row's values
    const valuesAt = (level: number): Record<string, number> => ({
      ...row, ...Object.fromEntries(capacity.map((f, i) => [f.path, i < outcome.row.length ? outcome.row[i]! : level])),
    });
    for (const record of outcome.search?.visited ?? []) {
      tried.push({ values: valuesAt(record.level), order: tried.length + 1, record });
      if (record.verdict === 'undecided') undecided.push(valuesAt(record.level));
    }
  }
  const answer = r.combination ? Object.fromEntries(capacity.map((f, i) => [f.path, r.combination![i]!])) : null;
  return { row, label, status: r.status, answer, replications: r.replications, tried, message: r.message, undecided };
}
