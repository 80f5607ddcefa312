/**
 * `planAllocation`: assemble → diagnose → solve (guarded) → re-check → plan. The library entry point the
 * pipeline, the CLI and the simulator's rolling horizon call.
 */
import type { AllocationModel, ModelWindow } from './assemble.js';
import { KIND_CHAIN, KIND_CLINIC, KIND_HOME, KIND_OVERTIME, assembleModel } from './assemble.js';
import { packPooled } from './pack.js';
import { checkPlan } from './check.js';
import { relativeGap } from './gap.js';
import { solveGuarded, solveInline } from './guard.js';
import type { LinearModel } from './linearModel.js';
import { nonzeros, objectiveValue, rowActivities } from './linearModel.js';
import type { SolveOptions, SolverOutcome } from './solverTypes.js';
import { FIX_IF_INTEGRAL } from './solverTypes.js';
import { FEASIBILITY_TOL, INTEGRALITY_TOL } from './tolerances.js';
import { chainSecondStopHours } from '../service/index.js';
import type { OptimizeRouting } from './pairs.js';
import { modelChainRule } from './pairs.js';
import type { Assignment, CostsSettings, DayCapacityUse, OptimizePatient, OptimizeSettings, Plan, ProgramCapacity, SolverName } from './types.js';

export interface PlanRequest extends ModelWindow {
  /** Overrides settings.time_limit_sec. */
  readonly timeLimitSec?: number;
  /** Overrides settings.solver. */
  readonly solver?: 'auto' | 'jsl' | 'highs';
  /** `worker` (default): hard wall-clock guard in a worker thread; `inline`: same thread (faster start). */
  readonly guard?: 'worker' | 'inline';
  /** HiGHS: most branch-and-bound nodes per MIP run (deterministic); overrides settings.max_nodes. */
  readonly maxNodes?: number;
  /** HiGHS profile (SolveOptions.profile): `replan` for the simulator's rolling re-solves. */
  readonly profile?: 'full' | 'replan';
}

/** The solver `auto` picks for a model of this size. */
export function pickSolver(model: LinearModel, settings: OptimizeSettings, requested: PlanRequest['solver']): SolverName {
  const s = requested ?? settings.solver;
  if (s !== 'auto') return s;
  return model.colNames.length <= settings.auto_jsl_max_cols ? 'jsl' : 'highs';
}

/** Validate the plain inputs: misuse is a plain Error naming the function and the value. */
function validate(patients: readonly OptimizePatient[]): void {
  patients.forEach((p, i) => {
    const bad = (field: string, v: unknown): never => { throw new Error(`planAllocation: patient #${i} has ${field} = ${String(v)}`); };
    for (const f of ['score', 'hbNowGDl', 'hbDeclinePerWeek', 'hbIncrementPerUnit', 'triggerGDl', 'floorGDl', 'travelMinOneWay', 'distanceKm'] as const) {
      if (!Number.isFinite(p[f])) bad(f, p[f]);
    }
    if (!Number.isInteger(p.unitsPerEpisode) || p.unitsPerEpisode < 1) bad('unitsPerEpisode', p.unitsPerEpisode);
    if (p.hbDeclinePerWeek < 0) bad('hbDeclinePerWeek', p.hbDeclinePerWeek);
    if (p.hbIncrementPerUnit <= 0) bad('hbIncrementPerUnit', p.hbIncrementPerUnit);
  });
}

/** Check the solver's vector against every row and integrality; null when it passes, else the reason. */
export function verifySolution(m: LinearModel, x: Float64Array): string | null {
  for (let j = 0; j < x.length; j++) {
    const v = x[j]!;
    if (v < -FEASIBILITY_TOL || v > m.colUpper[j]! + FEASIBILITY_TOL) return `column ${m.colNames[j]} = ${v} outside its bounds`;
    if (m.colBinary[j] && Math.abs(v - Math.round(v)) > INTEGRALITY_TOL) return `column ${m.colNames[j]} = ${v} is not integral`;
  }
  const act = rowActivities(m, x);
  for (let i = 0; i < act.length; i++) {
    const lo = m.rowLower[i]!;
    const hi = m.rowUpper[i]!;
    if (act[i]! < lo - FEASIBILITY_TOL * Math.max(1, Math.abs(lo)) || act[i]! > hi + FEASIBILITY_TOL * Math.max(1, Math.abs(hi))) {
      return `row ${m.rowNames[i]} = ${act[i]} outside [${lo}, ${hi}]`;
    }
  }
  return null;
}

/** Round binaries; continuous overflow columns are recomputed from the rounded plan (never below zero). */
function roundSolution(am: AllocationModel, x: Float64Array): Float64Array {
  const m = am.model;
  const r = Float64Array.from(x, (v, j) => (m.colBinary[j] ? Math.round(v) : Math.max(0, v)));
  const act = rowActivities(m, r.map((v, j) => (m.colBinary[j] ? v : 0)));
  // overflow and overtime are the last column of their rows: what the rounded binaries leave above the limit
  m.rowNames.forEach((name, i) => {
    if (!name.startsWith('chair_hours_') && !name.startsWith('apheresis_hours_') && !name.startsWith('nurse_hours_')) return;
    const o = m.rowIndex[m.rowStart[i + 1]! - 1]!;
    r[o] = Math.max(0, act[i]! - m.rowUpper[i]!);
  });
  return r;
}

/** The plan's visits; without per-nurse columns each nurse on duty makes one trip, in column order. */
function assignmentsOf(am: AllocationModel, patients: readonly OptimizePatient[], program: ProgramCapacity, x: Float64Array, nurseOf?: Int32Array): Assignment[] {
  const out: Assignment[] = [];
  const nextNurse = new Map<number, number>();
  for (let j = 0; j < x.length; j++) {
    const kind = am.meta.kind[j]!;
    if ((kind !== KIND_HOME && kind !== KIND_CLINIC && kind !== KIND_CHAIN) || x[j]! < 0.5) continue;
    const pi = am.meta.patient[j]!;
    const p = patients[pi]!;
    const home = kind !== KIND_CLINIC;
    const day = am.meta.day[j]!;
    let nurse = nurseOf ? nurseOf[j]! : am.meta.nurse[j]!;
    if (home && nurse < 0 && !nurseOf) { nurse = nextNurse.get(day) ?? 0; nextNurse.set(day, nurse + 1); }
    if (kind === KIND_CHAIN) {
      const q = am.pairs[am.meta.pair[j]!]!;
      const second = patients[q.second]!;
      const back = chainSecondStopHours(program, { units: second.unitsPerEpisode, travelMinOneWay: second.travelMinOneWay });
      const visit = { day, nurse, setting: 'home' as const, chairHours: 0 };
      out.push({ ...visit, patient: q.first, patientId: p.id, episode: am.episodes[am.meta.episode[j]!]!.k, units: p.unitsPerEpisode, nurseHours: q.hours - back, chain: { partner: q.second, stop: 1 } });
      out.push({ ...visit, patient: q.second, patientId: second.id, episode: am.episodes[am.meta.episode2[j]!]!.k, units: second.unitsPerEpisode, nurseHours: back, chain: { partner: q.first, stop: 2 } });
      continue;
    }
    const apheresis = !home && am.apheresisHours[pi]! > 0 ? { apheresisHours: am.apheresisHours[pi]! } : {};
    out.push({ day, patient: pi, patientId: p.id, episode: am.episodes[am.meta.episode[j]!]!.k, setting: home ? 'home' : 'clinic', units: p.unitsPerEpisode, nurse: home ? nurse : -1, nurseHours: home ? am.visitHours[pi]! : 0, chairHours: home ? 0 : am.chairHours[pi]!, ...apheresis });
  }
  return out.sort((a, b) => a.day - b.day || a.patient - b.patient);
}

function capacityUse(am: AllocationModel, assignments: readonly Assignment[], startDay: number): DayCapacityUse[] {
  return am.calendar.map((c) => {
    const today = assignments.filter((a) => a.day === c.day);
    const home = today.filter((a) => a.setting === 'home');
    const clinic = today.filter((a) => a.setting === 'clinic');
    const chairHours = clinic.reduce((s, a) => s + a.chairHours, 0);
    const exchanges = clinic.filter((a) => a.apheresisHours !== undefined);
    const apheresisHours = exchanges.reduce((s, a) => s + a.apheresisHours!, 0);
    const apheresis = am.regimen ? {
      exchanges: exchanges.length, apheresisHours, apheresisHoursCap: c.apheresisHours,
      apheresisOverflowHours: Math.max(0, apheresisHours - c.apheresisHours),
    } : {};
    return {
      day: startDay + c.day - 1, weekday: c.weekday, working: c.working,
      homeVisits: home.length, homeVisitsCap: c.homeVisits,
      nurseHours: home.reduce((s, a) => s + a.nurseHours, 0), nurseHoursCap: c.nurseHours,
      homeUnits: home.reduce((s, a) => s + a.units, 0), homeUnitsCap: c.homeUnits,
      clinicVisits: clinic.length, chairHours, chairHoursCap: c.chairHours,
      overflowHours: Math.max(0, chairHours - c.chairHours),
      ...apheresis,
    };
  });
}

/**
 * Total cost in the costs section's terms (independent of the objective); a chained trip costs its pair's cost;
 * `overflowHours`: transfusion and apheresis chair-hours above capacity.
 */
function planCost(am: AllocationModel, assignments: readonly Assignment[], costs: CostsSettings, overflowHours: number): number {
  let s = overflowHours * costs.overflow_penalty_per_chair_hour;
  const pairCost = new Map(am.pairs.map((q) => [`${q.first},${q.second}`, q.hours * costs.nurse_hour_cost + q.km * costs.nurse_cost_per_km]));
  for (const a of assignments) {
    if (a.chain) {
      s += costs.unit_cost * a.units + (a.chain.stop === 1 ? pairCost.get(`${a.patient},${a.chain.partner}`)! : 0);
    } else {
      s += a.setting === 'home' ? am.homeCost[a.patient]! : am.clinicCost[a.patient]!;
    }
    const ep = am.episodes.find((e) => e.patient === a.patient && e.k === a.episode);
    if (ep?.overdue) s += costs.late_penalty_per_day * a.day;
  }
  return s;
}

/** Nurse hours of a trip chaining `first` then `second`, straight from the service model's chain rule and the legs. */
function chainHoursOf(patients: readonly OptimizePatient[], program: ProgramCapacity, routing: OptimizeRouting): (first: number, second: number) => number {
  const rule = modelChainRule(patients, program, routing);
  return (first, second) => rule.hours(first, second);
}

/** Turn a solver outcome into a {@link Plan}, re-checking it twice (rows, then clinical simulation). */
function finish(am: AllocationModel, patients: readonly OptimizePatient[], program: ProgramCapacity, costs: CostsSettings, settings: OptimizeSettings, solver: SolverName, out: SolverOutcome, startDay: number, routing?: OptimizeRouting): Plan {
  const m = am.model;
  const loadDependent = out.clock === true;
  const base = { sense: m.sense, solver, method: out.method ?? solver, seconds: out.seconds, rows: m.rowNames.length, cols: m.colNames.length, nonzeros: nonzeros(m), startDay, horizonDays: am.calendar.length, loadDependent };
  const warnings: string[] = out.message ? [out.message] : [];
  if (loadDependent) warnings.push(`the wall clock (optimize.time_limit_sec = ${settings.time_limit_sec} s) stopped the solver: this plan depends on machine load; raise the time limit or lower optimize.max_nodes / optimize.max_simplex_iterations`);
  const empty = { objective: null, bound: out.bound, gap: null, assignments: [], capacityUse: capacityUse(am, [], startDay), cost: null, diagnosis: [] };
  if (!out.x) {
    const diagnosis = out.status === 'infeasible' ? [{ family: 'solver' as const, patients: [], days: [], message: `${solver} reports the model infeasible although every patient's timing fits the calendar` }] : [];
    return { ...base, ...empty, status: out.status === 'optimal' ? 'error' : out.status, diagnosis, warnings };
  }
  const why = verifySolution(m, out.x);
  if (why) return { ...base, ...empty, status: 'error', warnings: [...warnings, `solution rejected by the re-check: ${why}`] };
  let x = roundSolution(am, out.x);
  let nurseOf: Int32Array | undefined;
  let overtimeFix = 0;
  if (am.pooled) {
    // pooled nurse days → each nurse's day (pack.ts); the pooled rows still hold, the objective counts each nurse's overtime
    const packed = packPooled(am, program, x);
    x = roundSolution(am, packed.x);
    const again = verifySolution(m, x);
    if (again) return { ...base, ...empty, status: 'error', warnings: [...warnings, `packed plan rejected by the re-check: ${again}`] };
    nurseOf = packed.nurse;
    let pooledOvertime = 0, rate = 0;
    am.meta.kind.forEach((k, j) => { if (k === KIND_OVERTIME) { pooledOvertime += x[j]!; rate = m.colCost[j]!; } });
    overtimeFix = (packed.overtimeHours - pooledOvertime) * rate;
    if (packed.toClinic + packed.dropped + packed.filled > 0) warnings.push(`nurses' days packed from the pooled plan: ${packed.toClinic} visit(s) moved to the clinic and ${packed.dropped} optional one(s) left out where no nurse's day held them; ${packed.filled} clinic visit(s) moved home into time left over`);
  }
  const assignments = assignmentsOf(am, patients, program, x, nurseOf);
  const check = checkPlan(patients, assignments, am.calendar, {
    earlyMarginGDl: settings.early_margin_g_dl, overdueGraceDays: settings.overdue_grace_days, visitHours: am.visitHours, chairHours: am.chairHours, program,
    ...(routing ? { chainHours: chainHoursOf(patients, program, routing) } : {}), ...(am.regimen ? { regimen: am.regimen } : {}),
  });
  if (check.violations.length) return { ...base, ...empty, status: 'error', warnings: [...warnings, `plan violates ${check.violations.length} clinical/capacity rule(s): ${check.violations[0]}`] };
  if (check.lateDays > 0) warnings.push(`${check.lateDays} patient-day(s) below the floor for patients already below it on day 1`);
  if (check.overflowHours > 0) warnings.push(`clinic chair capacity exceeded by ${check.overflowHours.toFixed(1)} h over the horizon`);
  if (check.apheresisOverflowHours > 0) warnings.push(`apheresis chair capacity exceeded by ${check.apheresisOverflowHours.toFixed(1)} h over the horizon`);
  const objective = objectiveValue(m, x) + overtimeFix;
  const bound = out.status === 'optimal' && out.bound === null ? objectiveValue(m, x) : out.bound;
  const gap = bound === null ? null : relativeGap(bound, objective);
  // a packed plan is proven within the gap only by its own distance from the pooled bound
  const status = am.pooled && out.status === 'optimal' && !(gap !== null && gap <= settings.mip_gap + 1e-12) ? 'work_limit' : out.status;
  const shifted = assignments.map((a) => ({ ...a, day: startDay + a.day - 1 }));
  return { ...base, ...(am.pooled ? { method: `${base.method}+pack` } : {}), status, objective, bound, gap, assignments: shifted, capacityUse: capacityUse(am, assignments, startDay), cost: planCost(am, assignments, costs, check.overflowHours + check.apheresisOverflowHours), diagnosis: [], warnings };
}

/**
 * Largest per-nurse model (columns) planned exactly when trips can share a nurse's day; above it the pooled
 * relaxation is solved and packed into nurses' days (pack.ts). Measured with a 0.5 h pick-up (docs/optimize.md):
 * 200 eligible, 2 nurses — per-nurse (6.6k columns) 2.4% from its bound at the 30 s guard, pooled + pack 10.3%;
 * 500 eligible, 5 nurses — per-nurse (31k columns) 180%, pooled + pack 1.1% in 5.5 CPU-s.
 */
export const PER_NURSE_MAX_COLS = 8000;

/**
 * The allocation model planAllocation solves (and the CLI exports): the request's nurse model, or by size: per-nurse columns when they number at most
 * {@link PER_NURSE_MAX_COLS}, else the pooled relaxation. O(model).
 */
export function allocationModelFor(patients: readonly OptimizePatient[], program: ProgramCapacity, costs: CostsSettings, settings: OptimizeSettings, request: PlanRequest): AllocationModel {
  if (request.nurseModel) return assembleModel(patients, program, costs, settings, request);
  const pooled = assembleModel(patients, program, costs, settings, { ...request, nurseModel: 'pooled' });
  if (!pooled.pooled) return pooled; // no two trips share a nurse: the same model either way
  let perNurseCols = 0;
  pooled.meta.kind.forEach((k, j) => { perNurseCols += k === KIND_HOME || k === KIND_CHAIN ? pooled.calendar[pooled.meta.day[j]! - 1]!.nurses : 1; });
  return perNurseCols <= PER_NURSE_MAX_COLS ? assembleModel(patients, program, costs, settings, { ...request, nurseModel: 'per_nurse' }) : pooled;
}

/**
 * Plan home and clinic transfusions for `patients` over the horizon (rolling-horizon callers pass
 * `startDay`, `horizonDays` and patients' Hb on day startDay − 1).
 * Cost: assembly O(patients · episodes · window); solve bounded by the time limit (+ guard).
 * @example
 * const plan = await planAllocation(patients, scenario.program, scenario.costs, scenario.optimize, { startDay: 8, horizonDays: 28 });
 * plan.status; // 'optimal'
 */
export async function planAllocation(patients: readonly OptimizePatient[], program: ProgramCapacity, costs: CostsSettings, settings: OptimizeSettings, request: PlanRequest = {}): Promise<Plan> {
  validate(patients);
  const am = allocationModelFor(patients, program, costs, settings, request);
  const solver = pickSolver(am.model, settings, request.solver);
  const startDay = request.startDay ?? 1;
  if (am.structural.length) {
    const out: SolverOutcome = { status: 'infeasible', x: null, bound: null, seconds: 0 };
    return { ...finish(am, patients, program, costs, settings, solver, out, startDay, request.routing), diagnosis: am.structural };
  }
  if (am.model.colNames.length === 0) {
    // Nobody is due within the horizon: the empty plan is optimal (HiGHS calls an empty model status 6).
    return finish(am, patients, program, costs, settings, solver, { status: 'optimal', x: new Float64Array(0), bound: 0, seconds: 0, method: 'empty' }, startDay, request.routing);
  }
  const opts: SolveOptions = {
    timeLimitSec: request.timeLimitSec ?? settings.time_limit_sec, mipGap: settings.mip_gap, groups: am.meta.kind.some((k) => k === KIND_CHAIN) ? am.meta.episode.map((e, j) => (am.meta.kind[j] === KIND_CHAIN ? FIX_IF_INTEGRAL : e)) : am.meta.episode,
    maxNodes: request.maxNodes ?? settings.max_nodes, maxSimplexIterations: settings.max_simplex_iterations, profile: request.profile ?? 'full',
  };
  const run = (name: SolverName, o: SolveOptions): Promise<SolverOutcome> => ((request.guard ?? 'worker') === 'worker' ? solveGuarded(name, am.model, o) : solveInline(name, am.model, o));
  const auto = (request.solver ?? settings.solver) === 'auto';
  if (auto && solver === 'jsl') {
    // javascript-lp-solver can return no integer solution on a tight model (STACK.md): under `auto` it gets a
    // quarter of the time limit, and HiGHS takes over with the full limit when it does not prove optimality.
    // javascript-lp-solver has no work limit: when its clock stops it, the hand-over to HiGHS depended on load.
    const first = await run('jsl', { ...opts, timeLimitSec: opts.timeLimitSec / 4 });
    if (first.status === 'optimal' || first.status === 'infeasible' || first.status === 'unbounded') return finish(am, patients, program, costs, settings, 'jsl', first, startDay, request.routing);
    const second = await run('highs', opts);
    return finish(am, patients, program, costs, settings, 'highs', first.clock ? { ...second, clock: true } : second, startDay, request.routing);
  }
  return finish(am, patients, program, costs, settings, solver, await run(solver, opts), startDay, request.routing);
}
