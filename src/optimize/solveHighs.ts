/**
 * HiGHS (WebAssembly, `highs` npm package) through its persistent API, so the MIP dual bound is available
 * (the one-shot `solve()` reports neither bound nor gap, ../shared/MODELING.md).
 *
 * Strategy with episode groups (docs/optimize.md, "Solving"): (1) LP relaxation — the honest bound; (2) fix
 * every episode the LP settles integrally (chosen column → 1, the rest → 0; unchosen optional episodes → 0) and
 * solve the residual MIP over the few fractional episodes; (3) only if that misses the gap, the full MIP started
 * from it. Deterministic work limits (`mip_max_nodes`, `simplex_iteration_limit`) decide where a solve stops
 * (status `work_limit`, the same on every machine); the time limit, enforced with a MIP interrupt callback that
 * keeps the incumbent, is a guard only: a run it cuts is `time_limit` and flagged `clock` (load-dependent).
 * Cost: one LP, one small MIP, at most one full MIP, all within the work and time limits.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import highsLoaderModule from 'highs';
import type { Highs, Model, ModelStatusCode } from 'highs';
import type { LinearModel } from './linearModel.js';
import { objectiveValue } from './linearModel.js';
import type { SolveOptions, SolverOutcome } from './solverTypes.js';
import { FIX_IF_INTEGRAL } from './solverTypes.js';
import { relativeGap } from './gap.js';
import { INTEGRALITY_TOL } from './tolerances.js';

type Loader = (options?: object) => Promise<Highs>;
let cached: Promise<Highs> | undefined;
let compiled: WebAssembly.Module | undefined;

/**
 * HiGHS' WebAssembly compiled once for this process. Handed to worker threads ({@link useHighsModule}), every
 * thread instantiates the same compiled module, and V8 shares its machine code: a function compiled (and
 * tiered up) in one thread is ready in the others. Without it each sweep thread compiled HiGHS on its own —
 * ≈ 0.7 s of the first point's optimize stage, and background compiler work that competes with the other
 * thread (measured: a second thread's first optimize 1.39 s alone, 0.67–0.75 s with the shared module).
 * Cost: validation only (≈ 12 ms; functions compile lazily on first call).
 */
export function highsModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(readFileSync(createRequire(import.meta.url).resolve('highs/runtime')));
  return compiled;
}

/** Instantiate HiGHS in this thread from a module compiled elsewhere in the process ({@link highsModule}); call before the first solve. */
export function useHighsModule(module: WebAssembly.Module): void {
  if (cached) return; // already loaded: nothing to share any more
  compiled = module;
}

/** Load the HiGHS WebAssembly runtime once per thread (the default import is typed as the module: unwrap). */
export function loadHighs(): Promise<Highs> {
  if (!cached) {
    const mod = highsLoaderModule as unknown as Loader | { default: Loader };
    const loader = typeof mod === 'function' ? mod : mod.default;
    const module = compiled;
    if (!module) {
      cached = loader();
    } else {
      // Emscripten's instantiateWasm hook: we instantiate, it receives the instance. A failure would otherwise
      // leave its promise pending forever, so it rejects ours.
      let fail: (e: unknown) => void = () => {};
      const failed = new Promise<never>((_, reject) => { fail = reject; });
      const instantiateWasm = (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void): object => {
        WebAssembly.instantiate(module, imports).then((instance) => done(instance, module)).catch(fail);
        return {};
      };
      cached = Promise.race([loader({ instantiateWasm }), failed]);
    }
  }
  return cached;
}

// HiGHS model-status codes (types.d.ts, ModelStatusCode).
const OPTIMAL = 7, INFEASIBLE = 8, UNBOUNDED_OR_INFEASIBLE = 9, UNBOUNDED = 10, TIME_LIMIT = 13, ITERATION_LIMIT = 14, NODE_LIMIT = 16, INTERRUPTED = 17;
/** Stopped by the clock (our interrupt fires only at the deadline): the result depends on machine load. */
const byClock = (code: ModelStatusCode): boolean => code === TIME_LIMIT || code === INTERRUPTED;
/** Stopped by a limit with an incumbent possibly kept. */
const stopped = (code: ModelStatusCode): boolean => byClock(code) || code === NODE_LIMIT || code === ITERATION_LIMIT;

/**
 * HiGHS options for the `replan` profile (the simulator's rolling re-plans, small and repeated thousands of
 * times): no presolve, no primal heuristics, short cut pools. Measured on 1,200 patients × 120 days × 2
 * replications of lp_rolling: 47 s → 12.6 s of wall clock for the same home transfusions within noise
 * (154 vs 158). The full `carestrata optimize` solve keeps HiGHS' defaults.
 */
const REPLAN_OPTIONS = { presolve: 'off', mip_heuristic_effort: 0, mip_lp_age_limit: 1, mip_pool_soft_limit: 1 } as const;

interface RunOut { code: ModelStatusCode; x: Float64Array | null; bound: number | null }

/** One HiGHS run on `m` with optional column bounds and integrality; disposes the native model. */
interface RunLimits { readonly deadline: number; readonly gap: number; readonly opts: SolveOptions }

/** HiGHS options for one run: the guard's time, the gap, the deterministic work limits, the profile. */
function runOptions(o: RunLimits): Record<string, string | number | boolean> {
  const left = Math.max(0.01, (o.deadline - performance.now()) / 1000);
  const s = o.opts;
  return {
    output_flag: false, time_limit: left, mip_rel_gap: o.gap, random_seed: 0,
    ...(s.maxNodes !== undefined ? { mip_max_nodes: s.maxNodes } : {}),
    ...(s.maxSimplexIterations !== undefined ? { simplex_iteration_limit: s.maxSimplexIterations } : {}),
    ...(s.profile === 'replan' ? REPLAN_OPTIONS : {}),
  };
}

function runOnce(highs: Highs, m: LinearModel, o: RunLimits & { integer: boolean; lower?: Float64Array; upper?: Float64Array; start?: Float64Array }): RunOut {
  const inf = highs.infinity;
  const finite = (a: Float64Array): Float64Array => a.map((v) => (v === Infinity ? inf : v === -Infinity ? -inf : v));
  const model: Model = highs.createModel({
    numCols: m.colNames.length,
    numRows: m.rowNames.length,
    sense: m.sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    colCost: m.colCost,
    colLower: o.lower ?? new Float64Array(m.colNames.length),
    colUpper: finite(o.upper ?? m.colUpper),
    rowLower: finite(m.rowLower),
    rowUpper: finite(m.rowUpper),
    matrix: { format: 'csr', numRows: m.rowNames.length, numCols: m.colNames.length, starts: m.rowStart, indices: m.rowIndex, values: m.rowValue },
    ...(o.integer ? { integrality: Int32Array.from(m.colBinary) } : {}),
  });
  try {
    model.options.set(runOptions(o));
    if (o.start) model.setSolution({ colValue: o.start });
    const hasInt = o.integer && m.colBinary.some((b) => b === 1);
    const run = model.run(hasInt ? { [highs.constants.callbackType.mipInterrupt]: (event: { interrupt(): void }) => { if (performance.now() > o.deadline) event.interrupt(); } } : undefined);
    const code = run.modelStatus as ModelStatusCode;
    const x = Number(model.info.get('primal_solution_status')) === 2 ? Float64Array.from(model.getSolution().colValue) : null;
    let bound: number | null = null;
    if (hasInt) {
      const b = Number(model.info.get('mip_dual_bound'));
      bound = Number.isFinite(b) && Math.abs(b) < inf ? b : null;
    } else if (code === OPTIMAL) bound = model.getObjectiveValue();
    return { code, x, bound };
  } finally {
    model.dispose();
  }
}

const better = (sense: 'max' | 'min', a: number, b: number): boolean => (sense === 'max' ? a > b : a < b);

/** Bounds fixing every group the LP settled integrally; null when nothing can be fixed. */
function lpFixBounds(m: LinearModel, groups: Int32Array, xLp: Float64Array): { lower: Float64Array; upper: Float64Array; free: number } | null {
  const ng = groups.reduce((a, g) => Math.max(a, g + 1), 0);
  const sum = new Float64Array(ng);
  const top = new Int32Array(ng).fill(-1);
  groups.forEach((g, j) => {
    if (g < 0) return;
    sum[g] = sum[g]! + xLp[j]!;
    if (top[g]! < 0 || xLp[j]! > xLp[top[g]!]!) top[g] = j;
  });
  const lower = new Float64Array(m.colNames.length);
  const upper = Float64Array.from(m.colUpper);
  let free = 0;
  groups.forEach((g, j) => {
    if (g === FIX_IF_INTEGRAL) {
      // a column shared by two groups (a chained trip): fixed at its LP value when that is integral
      const v = xLp[j]!;
      if (Math.abs(v - Math.round(v)) <= INTEGRALITY_TOL) { lower[j] = Math.round(v); upper[j] = Math.round(v); } else free++;
      return;
    }
    if (g < 0) return;
    const settledOff = sum[g]! <= INTEGRALITY_TOL;
    const settledOn = xLp[top[g]!]! >= 1 - INTEGRALITY_TOL;
    if (settledOff) upper[j] = 0;
    else if (settledOn) { lower[j] = j === top[g] ? 1 : 0; upper[j] = j === top[g] ? 1 : 0; }
    else free++;
  });
  return free === groups.length ? null : { lower, upper, free };
}

/**
 * Solve `model` with HiGHS, synchronously, in this thread.
 * @example
 * const outcome = solveWithHighs(await loadHighs(), am.model, { timeLimitSec: 30, mipGap: 0.01, groups });
 */
export function solveWithHighs(highs: Highs, m: LinearModel, opts: SolveOptions): SolverOutcome {
  const t0 = performance.now();
  const deadline = t0 + opts.timeLimitSec * 1000;
  const seconds = (): number => (performance.now() - t0) / 1000;
  let clock = false;
  const run = (o: { integer: boolean; gap: number; lower?: Float64Array; upper?: Float64Array; start?: Float64Array }): RunOut => {
    const r = runOnce(highs, m, { ...o, deadline, opts });
    clock ||= byClock(r.code);
    return r;
  };
  const done = (out: Omit<SolverOutcome, 'seconds' | 'clock'>): SolverOutcome => ({ ...out, seconds: seconds(), ...(clock ? { clock } : {}) });
  // a plan short of the gap: `time_limit` if the clock stopped any run on the way, else the work limit did
  const cut = (): 'time_limit' | 'work_limit' => (clock ? 'time_limit' : 'work_limit');
  const verdict = (r: RunOut, method: string): SolverOutcome => {
    if (r.code === OPTIMAL) return done({ status: 'optimal', x: r.x, bound: r.bound, method });
    if (r.code === INFEASIBLE) return done({ status: 'infeasible', x: null, bound: null, method });
    if (r.code === UNBOUNDED || r.code === UNBOUNDED_OR_INFEASIBLE) return done({ status: 'unbounded', x: null, bound: null, method, message: r.code === UNBOUNDED ? 'unbounded' : 'unbounded or infeasible' });
    if (stopped(r.code)) return done({ status: cut(), x: r.x, bound: r.bound, method });
    return done({ status: 'error', x: r.x, bound: r.bound, method, message: `HiGHS model status ${r.code}` });
  };
  if (!opts.groups) return verdict(run({ integer: true, gap: opts.mipGap }), 'mip');
  // (1) LP relaxation: the bound.
  const lp = run({ integer: false, gap: opts.mipGap });
  if (lp.code !== OPTIMAL || !lp.x) return { ...verdict(lp, 'lp'), ...(stopped(lp.code) ? { x: null, bound: null } : {}) };
  const lpBound = lp.bound!;
  const integral = lp.x.every((v, j) => !m.colBinary[j] || Math.abs(v - Math.round(v)) <= INTEGRALITY_TOL);
  if (integral) return done({ status: 'optimal', x: lp.x, bound: lpBound, method: 'lp' });
  // (2) fix what the LP settled, solve the residual MIP.
  let best: { x: Float64Array; obj: number } | null = null;
  const fix = lpFixBounds(m, opts.groups, lp.x);
  if (fix) {
    const r = run({ integer: true, lower: fix.lower, upper: fix.upper, gap: opts.mipGap / 4 });
    if (r.x && (r.code === OPTIMAL || stopped(r.code))) best = { x: r.x, obj: objectiveValue(m, r.x) };
  }
  if (best && relativeGap(lpBound, best.obj) <= opts.mipGap) return done({ status: 'optimal', x: best.x, bound: lpBound, method: 'lp-fix' });
  // Re-plans (the simulator's rolling re-solves) stop at the LP-fixed plan: the full MIP pass cost
  // 0.1–0.2 s a re-plan and did not add home transfusions (1,200 patients × 120 days × 4 replications: 158 with it,
  // 164 without, same seeds); the status says it is not proven within the gap.
  if (opts.profile === 'replan' && best) return done({ status: cut(), x: best.x, bound: lpBound, method: 'lp-fix' });
  // (3) full MIP, warm-started from the fixed solution.
  const full = run({ integer: true, gap: opts.mipGap, ...(best ? { start: best.x } : {}) });
  const fullObj = full.x ? objectiveValue(m, full.x) : null;
  const bound = full.bound === null ? lpBound : m.sense === 'max' ? Math.min(lpBound, full.bound) : Math.max(lpBound, full.bound);
  if (full.code === INFEASIBLE || full.code === UNBOUNDED) return verdict(full, 'mip');
  const pick = fullObj !== null && (!best || better(m.sense, fullObj, best.obj)) ? { x: full.x!, obj: fullObj } : best;
  if (!pick) return { ...verdict(full, 'mip'), bound };
  const status = relativeGap(bound, pick.obj) <= opts.mipGap || full.code === OPTIMAL ? 'optimal' : cut();
  return done({ status, x: pick.x, bound, method: pick === best ? 'lp-fix+mip' : 'mip' });
}
