/**
 * lp_rolling's default planner: the optimize stage's allocation model (episode-assignment MIP, docs/optimize.md)
 * over the look-ahead window, solved with HiGHS in the calling thread (`guard: 'inline'`: inside a replication
 * worker, no extra worker per solve; HiGHS loads once per thread).
 *
 * What the simulator hands the model:
 * - **Patients**: the window's candidates (home-eligible, projected to reach their trigger in the window). When
 *   they far exceed what the window can hold, only the best-scored `lp_candidate_multiple` × (home visits the
 *   window holds) are modelled — a column pre-selection heuristic ({@link preselectCandidates}).
 * - **Timing**: each candidate's booking window in the simulator, [need day − earlyDays, need day] (after the
 *   need day the simulator's safety net sends the patient to the clinic), written as a unit-slope Hb path —
 *   Hb falls 1 "g/dL" a day, floor and trigger placed so the model's episode window (docs/optimize.md,
 *   episodes.ts) is exactly those days, and a per-unit rise larger than the window so there is one episode.
 *   The model's own Hb arithmetic is unchanged; only the units are.
 * - **Capacity and costs**: the scenario's `program` as it is (the service model: per-nurse shifts, the same
 *   calendar as the simulator), `costs` and `optimize.objective`; with the scenario's routing, chained trips of
 *   near pairs (`optimize.chain_neighbours`, pairs.ts).
 *
 * Each re-solve stops at `lp_mip_gap`, or after `lp_max_nodes` branch-and-bound nodes (deterministic), or at
 * `lp_time_limit_sec` of wall clock (a safety net). A re-solve with no feasible plan falls back to the greedy planner for that
 * re-plan (method `fallback`, counted and reported as a warning).
 *
 * Cost: O(c log c) pre-selection + model assembly O(c·w) + one HiGHS solve (LP, LP-fixed MIP, rarely the full
 * MIP), bounded by the time limit; c = modelled candidates, w = window days.
 */
import { planAllocation } from '../../optimize/plan.js';
import type { OptimizePatient, OptimizeSettings } from '../../optimize/types.js';
import type { ProgramSettings } from '../../scenario/sections/program.js';
import type { LpModelSections } from '../model/types.js';
import type { RollingCandidate, RollingOutcome, RollingPlanner, RollingProblem } from './lpRolling.js';
import { byScoreThenPatient, greedyLookaheadPlanner } from './lpRolling.js';

export interface OptimizePlannerOptions {
  /** Wall-clock limit of one re-solve, seconds. */
  readonly timeLimitSec: number;
  /** Relative MIP gap at which the solver may stop. */
  readonly mipGap: number;
  /** Branch-and-bound nodes per MIP run (deterministic work limit); undefined = unlimited. */
  readonly maxNodes?: number;
  /** Keep the best-scored candidates up to this multiple of the window's home visits (0 = keep all). */
  readonly candidateMultiple: number;
}

/** Home visits the window can hold at most: Σ over its working days of nurses × visits per nurse. O(days). */
export function windowVisitCapacity(pr: RollingProblem): number {
  let visits = 0;
  for (let w = 0; w < pr.days; w++) if (pr.working[w]) visits += pr.nurses[w]! * pr.program.max_visits_per_nurse_per_day;
  return visits;
}

/**
 * Column pre-selection: when there are more than `multiple` × {@link windowVisitCapacity} candidates, keep the
 * best-scored that many (ties: lower patient index); returned in patient order so the model is the same
 * whatever order the candidates came in. `multiple` = 0 keeps all. O(c log c).
 * @example preselectCandidates(problem, 3).length; // ≤ 3 × nurses × visits per nurse × working days
 */
export function preselectCandidates(pr: RollingProblem, multiple: number): RollingCandidate[] {
  const keep = multiple > 0 ? Math.ceil(multiple * windowVisitCapacity(pr)) : Infinity;
  const byScore = [...pr.candidates].sort(byScoreThenPatient);
  return byScore.slice(0, Math.min(keep, byScore.length)).sort((a, b) => a.patient - b.patient);
}

/** Hb offset that puts a threshold half a day inside a whole day, so the model's ⌈·⌉ and ⌊·⌋ land on it. */
const HALF_DAY = 0.5;

/**
 * A candidate as the optimize model's patient whose only episode window is the simulator's booking window,
 * model days [max(1, need − earlyDays − firstDay + 1, earliest − firstDay + 1), need − firstDay + 1] (model day 1 = `pr.firstDay`),
 * given early margin 0. O(1).
 */
export function windowPatient(c: RollingCandidate, pr: RollingProblem): OptimizePatient {
  const last = c.needDay - pr.firstDay + 1;
  const first = Math.max(1, last - pr.earlyDays, c.earliestDay - pr.firstDay + 1);
  const hbNow = last + HALF_DAY; // decline 1 a day: latest = ⌊hbNow − floor⌋ = last
  return {
    id: String(c.patient), eligible: true, score: c.score,
    hbNowGDl: hbNow, hbDeclinePerWeek: 7, floorGDl: HALF_DAY,
    triggerGDl: hbNow - first + HALF_DAY, // earliest = ⌈hbNow − trigger⌉ = first
    hbIncrementPerUnit: pr.days + 1, // a second episode would start after the window
    unitsPerEpisode: c.units, travelMinOneWay: c.travelMinOneWay, distanceKm: c.distanceKm,
    urgencyGdlPerDay: c.declinePerDay, // the day-dependent objective weighs delay by the real decline
  };
}

/**
 * The optimize model as a {@link RollingPlanner}.
 * @example const planner = optimizePlanner(settings.program, settings.lpModel, { timeLimitSec: 2, mipGap: 0.01, candidateMultiple: 3 });
 */
export function optimizePlanner(program: ProgramSettings, sections: LpModelSections, opts: OptimizePlannerOptions): RollingPlanner {
  return async (pr: RollingProblem): Promise<RollingOutcome> => {
    if (pr.candidates.length === 0) return { plan: new Map(), method: 'empty', modelled: 0 };
    const kept = preselectCandidates(pr, opts.candidateMultiple);
    const settings: OptimizeSettings = {
      ...sections.optimize, horizon_days: pr.days, start_weekday: 1, // simulation day 0 is a Monday = absolute day 1
      early_margin_g_dl: 0, solver: 'highs', time_limit_sec: opts.timeLimitSec, mip_gap: opts.mipGap,
    };
    const plan = await planAllocation(kept.map((c) => windowPatient(c, pr)), program, sections.costs, settings, {
      startDay: pr.firstDay + 1, horizonDays: pr.days, guard: 'inline', solver: 'highs', timeLimitSec: opts.timeLimitSec,
      ...(pr.legs ? { routing: { legs: pr.legs, legIndex: kept.map((c) => c.patient) } } : {}),
      // a node limit selects the re-plan profile (presolve and heuristics off, stop at the LP-fixed plan)
      ...(opts.maxNodes !== undefined ? { maxNodes: opts.maxNodes, profile: 'replan' as const } : {}),
    });
    const usable = plan.status === 'optimal' || ((plan.status === 'work_limit' || plan.status === 'time_limit') && plan.objective !== null);
    if (!usable) return { plan: greedyLookaheadPlanner(pr), method: 'fallback', modelled: kept.length };
    const out = new Map<number, number>();
    for (const a of plan.assignments) {
      if (a.setting === 'home' && a.episode === 1) out.set(kept[a.patient]!.patient, a.day - 1); // absolute day → simulation day
    }
    // the node limit is deterministic; a stop by the clock makes the run depend on machine speed (the solver says which)
    const method = plan.status === 'optimal' ? 'optimal' : plan.status === 'work_limit' ? 'node_limit' : 'time_limit';
    return { plan: out, method, modelled: kept.length };
  };
}
