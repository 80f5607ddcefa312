/**
 * javascript-lp-solver (dense tableau; fine below a few hundred columns, docs/optimize.md). Its time-out
 * returns `feasible: true` with fractional values and no `isIntegral`, so only `isIntegral === true` counts as
 * a solution (../shared/STACK.md). Its bound is the LP relaxation, solved first. It has no node or iteration
 * limit, only a timeout: a run the timeout cuts is `time_limit` and flagged `clock` (load-dependent). Cost: dense simplex,
 * O(rows · cols) memory per tableau, branch-and-bound on top.
 */
import jslModule from 'javascript-lp-solver';
import type { LinearModel } from './linearModel.js';
import type { SolveOptions, SolverOutcome } from './solverTypes.js';

interface JslModel {
  optimize: string;
  opType: 'max' | 'min';
  constraints: Record<string, { min?: number; max?: number; equal?: number }>;
  variables: Record<string, Record<string, number>>;
  binaries?: Record<string, 1>;
  options: { tolerance: number; timeout: number };
}
interface JslResult { feasible: boolean; result: number; bounded?: boolean; isIntegral?: boolean; [name: string]: number | boolean | undefined }
interface Jsl { Solve(model: JslModel): JslResult }

const jsl: Jsl = ((jslModule as unknown as { default?: Jsl }).default ?? jslModule) as unknown as Jsl;
/** Objective key: cannot clash with a row name (row names never start with an underscore). */
const OBJ = '__objective';

/** The model in javascript-lp-solver's JSON form. Upper bounds of binaries are implied by the episode rows. */
export function toJslModel(m: LinearModel, opts: SolveOptions, integer: boolean): JslModel {
  const constraints: JslModel['constraints'] = {};
  const variables: JslModel['variables'] = {};
  m.colNames.forEach((c, j) => { variables[c] = { [OBJ]: m.colCost[j]! }; });
  for (let i = 0; i < m.rowNames.length; i++) {
    const r = m.rowNames[i]!;
    const lo = m.rowLower[i]!;
    const hi = m.rowUpper[i]!;
    constraints[r] = lo === hi ? { equal: hi } : { ...(lo !== -Infinity ? { min: lo } : {}), ...(hi !== Infinity ? { max: hi } : {}) };
    for (let k = m.rowStart[i]!; k < m.rowStart[i + 1]!; k++) variables[m.colNames[m.rowIndex[k]!]!]![r] = m.rowValue[k]!;
  }
  m.colNames.forEach((c, j) => {
    if (m.colUpper[j] !== Infinity && !m.colBinary[j]) {
      constraints[`__ub_${c}`] = { max: m.colUpper[j]! };
      variables[c]![`__ub_${c}`] = 1;
    }
  });
  const model: JslModel = { optimize: OBJ, opType: m.sense, constraints, variables, options: { tolerance: opts.mipGap, timeout: Math.max(1, Math.round(opts.timeLimitSec * 1000)) } };
  if (integer) model.binaries = Object.fromEntries(m.colNames.filter((_, j) => m.colBinary[j]).map((c) => [c, 1 as const]));
  return model;
}

function values(m: LinearModel, r: JslResult): Float64Array {
  return Float64Array.from(m.colNames, (c) => (typeof r[c] === 'number' ? (r[c] as number) : 0));
}

/**
 * Solve with javascript-lp-solver: LP relaxation (the bound), then branch-and-bound.
 * @example
 * const outcome = solveWithJsl(am.model, { timeLimitSec: 10, mipGap: 0 });
 */
export function solveWithJsl(m: LinearModel, opts: SolveOptions): SolverOutcome {
  const t0 = performance.now();
  const relax = jsl.Solve(toJslModel(m, opts, false));
  const seconds = (): number => (performance.now() - t0) / 1000;
  if (!relax.feasible) return { status: 'infeasible', x: null, bound: null, seconds: seconds() };
  if (relax.bounded === false) return { status: 'unbounded', x: null, bound: null, seconds: seconds() };
  const bound = relax.result;
  const remaining = opts.timeLimitSec - seconds();
  if (remaining <= 0) return { status: 'time_limit', x: null, bound, seconds: seconds(), clock: true };
  const r = jsl.Solve(toJslModel(m, { ...opts, timeLimitSec: remaining }, true));
  const s = seconds();
  const timedOut = s >= opts.timeLimitSec * 0.999;
  if (r.isIntegral !== true) {
    if (!r.feasible && !timedOut) return { status: 'infeasible', x: null, bound: null, seconds: s };
    return { status: 'time_limit', x: null, bound, seconds: s, clock: true, message: 'no integer solution within the time limit' };
  }
  const x = values(m, r);
  // Finished branch-and-bound with a zero tolerance proves optimality: the bound is the objective itself.
  const provenBound = !timedOut && opts.mipGap === 0 ? r.result : bound;
  return { status: timedOut ? 'time_limit' : 'optimal', x, bound: provenBound, seconds: s, ...(timedOut ? { clock: true } : {}) };
}
