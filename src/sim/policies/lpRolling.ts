/**
 * `lp_rolling`: every `lp_resolve_days` days, plan home visits over the next `lp_lookahead_days` days for the
 * home-eligible patients whose Hb (from their last lab) is projected to reach the trigger in that window, then
 * follow the plan: a planned patient who is due on or after the planned day is booked home; home capacity the
 * plan leaves free today goes to unplanned due patients by score; the others go to the clinic.
 *
 * The planner is a {@link RollingPlanner}, chosen by `simulation.lp_planner` ({@link plannerFor}): by default
 * the optimize stage's allocation model solved with HiGHS (optimizePlanner.ts), or {@link greedyPlanner}.
 * Library callers may pass their own through `SimulateOptions.rollingPlanner` (runs inline).
 *
 * Cost: O(n) to collect candidates per re-plan + the planner's cost.
 */
import type { ProgramSettings } from '../../scenario/sections/program.js';
import type { ChainRule, LegSource } from '../../service/index.js';
import { NurseRoster, chainRule, fitsNurseDay, homeUnitsOnDay, isWorkingDay, nursesOnDay } from '../../service/index.js';
import { urgencyPoints } from '../model/cohort.js';
import type { DayContext, Policy, PolicyFactory, PolicySetup } from './types.js';

/** One candidate for the look-ahead plan. */
export interface RollingCandidate {
  readonly patient: number;
  /** Projected day the Hb reaches the trigger. */
  readonly needDay: number;
  readonly score: number;
  readonly nurseHours: number;
  readonly units: number;
  /** Hb projected for the re-plan day from the last lab, g/dL. */
  readonly hbNow: number;
  readonly declinePerDay: number;
  readonly incrementPerUnit: number;
  readonly triggerGdl: number;
  readonly floorGdl: number;
  readonly travelMinOneWay: number;
  readonly distanceKm: number;
  /** First day a transfusion is possible (crossmatch lead after the lab that finds the patient due). */
  readonly earliestDay: number;
}

/** Plain input of one re-plan. */
export interface RollingProblem {
  readonly firstDay: number;
  readonly days: number;
  /** Per day of the window: working day or not. */
  readonly working: readonly boolean[];
  /** Per day of the window: nurses on duty and units released to the home program (service calendar). */
  readonly nurses: readonly number[];
  readonly units: readonly number[];
  /** Shifts, overtime cap and visits per nurse (the service model reads it). */
  readonly program: ProgramSettings;
  /** Earliest a visit may precede the need day (days). */
  readonly earlyDays: number;
  readonly candidates: readonly RollingCandidate[];
  /** Legs between homes, indexed by candidates' `patient` (the scenario's routing): two visits may share a trip. */
  readonly legs?: LegSource;
}

/** The service model's chain rule over a re-plan's candidates (by patient index), or undefined without legs. O(max patient). */
export function candidateChainRule(pr: RollingProblem): ChainRule | undefined {
  if (!pr.legs || pr.candidates.length === 0) return undefined;
  const n = pr.candidates.reduce((m, c) => Math.max(m, c.patient + 1), 0);
  const unitsPerEpisode = new Float64Array(n), travelMinOneWay = new Float64Array(n), distanceKm = new Float64Array(n);
  for (const c of pr.candidates) { unitsPerEpisode[c.patient] = c.units; travelMinOneWay[c.patient] = c.travelMinOneWay; distanceKm[c.patient] = c.distanceKm; }
  return chainRule(pr.program, pr.legs, { unitsPerEpisode, travelMinOneWay, distanceKm });
}

/** How a re-plan was made. */
export type RollingMethod = 'empty' | 'optimal' | 'node_limit' | 'time_limit' | 'fallback' | 'greedy';

/** One re-plan: the planned home day per patient (Map patient → day) and how it was found. */
export interface RollingOutcome {
  readonly plan: Map<number, number>;
  /**
   * `optimal` / `node_limit` / `time_limit`: the model's plan (proven within the gap / best found within the
   * node limit / best found when the clock stopped the solver); `fallback`: the
   * solver gave no feasible plan in time, the greedy planned instead; `greedy`: the greedy planner; `empty`: no
   * candidate.
   */
  readonly method: RollingMethod;
  /** Candidates given to the model after pre-selection (= candidates when none was dropped). */
  readonly modelled: number;
}

/** Plans one look-ahead window, synchronously or not. The plan must respect the window's capacity. */
export type RollingPlanner = (problem: RollingProblem) => RollingOutcome | Promise<RollingOutcome>;

/**
 * The window of a re-plan starting on simulation day `firstDay` (day 0 is a Monday), from the service
 * calendar (holidays closed). O(days).
 */
export function rollingWindow(program: ProgramSettings, firstDay: number, days: number): Pick<RollingProblem, 'working' | 'nurses' | 'units'> {
  const simDays = Array.from({ length: days }, (_, w) => firstDay + w);
  return {
    working: simDays.map((d) => isWorkingDay(program, d)),
    nurses: simDays.map((d) => nursesOnDay(program, d)),
    units: simDays.map((d) => homeUnitsOnDay(program, d)),
  };
}

/**
 * The days of the window, [first, last] (0-based), in which candidate c may be visited at home: from
 * max(needDay − earlyDays, earliestDay) to needDay, clamped to the window; empty when first > last. O(1).
 */
export function candidateDays(c: RollingCandidate, pr: RollingProblem): [number, number] {
  const last = Math.min(pr.days - 1, c.needDay - pr.firstDay);
  return [Math.max(0, last - pr.earlyDays, c.earliestDay - pr.firstDay), last];
}

/**
 * Greedy: candidates by score (highest first); each takes the earliest working day of its
 * {@link candidateDays} where a nurse's shift holds the visit (chained onto a nurse's first visit where the legs
 * allow, as the simulator books) and units remain. O(c log c + c·w·nurses).
 */
export const greedyLookaheadPlanner = (pr: RollingProblem): Map<number, number> => {
  const chain = candidateChainRule(pr);
  const rosters = pr.nurses.map((n) => new NurseRoster(pr.program, n, chain));
  const unitsLeft = Float64Array.from(pr.units);
  const plan = new Map<number, number>();
  const order = [...pr.candidates].sort(byScoreThenPatient);
  for (const c of order) {
    const [first, last] = candidateDays(c, pr);
    for (let w = first; w <= last; w++) {
      if (!pr.working[w] || unitsLeft[w]! < c.units) continue;
      if (rosters[w]!.place(c.nurseHours, c.patient) < 0) continue;
      unitsLeft[w]! -= c.units;
      plan.set(c.patient, pr.firstDay + w);
      break;
    }
  }
  return plan;
};

/** {@link greedyLookaheadPlanner} as a {@link RollingPlanner}. */
export const greedyPlanner: RollingPlanner = (pr) => ({ plan: greedyLookaheadPlanner(pr), method: pr.candidates.length ? 'greedy' : 'empty', modelled: pr.candidates.length });

/** Counters of lp_rolling's re-plans over one run (summed over replications in the summary). */
export interface RollingStats {
  replans: number;
  /** Σ candidates over re-plans, and Σ of those the planner modelled after pre-selection. */
  candidates: number;
  modelled: number;
  empty: number;
  optimal: number;
  nodeLimit: number;
  timeLimit: number;
  fallback: number;
  greedy: number;
}

export const emptyRollingStats = (): RollingStats => ({ replans: 0, optimal: 0, nodeLimit: 0, timeLimit: 0, fallback: 0, empty: 0, greedy: 0, candidates: 0, modelled: 0 });

/** Candidates by score, highest first; ties by patient index (the greedy's order and the pre-selection's). */
export const byScoreThenPatient = (a: RollingCandidate, b: RollingCandidate): number => b.score - a.score || a.patient - b.patient;

/** Days before the projected need day a planned home visit may happen (one lab interval of slack). */
const EARLY_DAYS = 3;

/** One run of lp_rolling; a class so every run shares one `plan`/`replan` (no closures per run for the JIT). */
class LpRollingPolicy implements Policy {
  readonly name = 'lp_rolling';
  private readonly planned: Int32Array;
  private readonly counts = emptyRollingStats();
  private nextPlanDay = 0;

  constructor(private readonly planner: RollingPlanner, private readonly setup: PolicySetup) {
    this.planned = new Int32Array(setup.cohort.n).fill(-1);
  }

  stats(): Readonly<Record<string, number>> {
    return { ...this.counts };
  }

  beforeDay(ctx: DayContext): Promise<void> | void {
    if (ctx.day < this.nextPlanDay) return;
    this.nextPlanDay = ctx.day + this.setup.settings.sim.lp_resolve_days;
    return this.replan(ctx);
  }

  private async replan(ctx: DayContext): Promise<void> {
    const { cohort, settings, visitHours } = this.setup;
    const sim = settings.sim, p = settings.program;
    const planned = this.planned, stats = this.counts;
    const d = ctx.day;
    const L = sim.lp_lookahead_days;
    const candidates: RollingCandidate[] = [];
    const due = new Set(ctx.due);
    planned.fill(-1);
    for (let i = 0; i < cohort.n; i++) {
      if (!ctx.homeAllowed(i) || !fitsNurseDay(p, visitHours[i]!)) continue;
      const labDay = ctx.lastLabDay(i);
      if (labDay < 0) continue;
      const labHb = ctx.lastLabHb(i);
      const decline = Math.max(cohort.declinePerDay[i]!, 1e-9);
      const trigger = cohort.triggerGdl[i]!;
      const needDay = due.has(i) ? Math.max(d, ctx.needBy(i)) : Math.floor(labDay + (labHb - trigger) / decline);
      if (needDay < d || needDay >= d + L) continue;
      const earliestDay = ctx.earliestDay(i);
      if (earliestDay > needDay) continue; // no home visit possible by the need day: the clinic it is
      candidates.push({ earliestDay,
        patient: i, needDay, score: cohort.score[i]! + urgencyPoints(cohort, needDay - d), nurseHours: visitHours[i]!, units: cohort.unitsPerEpisode[i]!,
        hbNow: labHb - decline * (d - labDay), declinePerDay: cohort.declinePerDay[i]!, incrementPerUnit: cohort.incrementPerUnit[i]!,
        triggerGdl: trigger, floorGdl: cohort.floorGdl[i]!, travelMinOneWay: cohort.travelMinOneWay[i]!, distanceKm: cohort.distanceKm[i]!,
      });
    }
    const out = await this.planner({ firstDay: d, days: L, ...rollingWindow(p, d, L), program: p, earlyDays: EARLY_DAYS, candidates, ...(cohort.legs ? { legs: cohort.legs } : {}) });
    for (const [i, day] of out.plan) planned[i] = day;
    stats.replans++;
    stats.candidates += candidates.length;
    stats.modelled += out.modelled;
    if (out.method === 'time_limit') stats.timeLimit++;
    else if (out.method === 'node_limit') stats.nodeLimit++;
    else stats[out.method]++;
  }

  plan(ctx: DayContext): void {
    const planned = this.planned, score = this.setup.cohort.score;
    const spare: number[] = [];
    for (const i of ctx.due) {
      if (planned[i]! >= 0 && ctx.homeAllowed(i)) {
        // planned for a day after the need day (the need day moved): no home slot in time, the clinic now
        if (planned[i]! > ctx.needBy(i)) ctx.clinic(i);
        else if (planned[i]! <= ctx.day) ctx.home(i);
      } else if (ctx.homeAllowed(i)) {
        spare.push(i);
      } else {
        ctx.clinic(i);
      }
    }
    // capacity the plan left free today goes to unplanned due patients by score; the rest to the clinic
    spare.sort((a, b) => score[b]! - score[a]! || a - b);
    for (const i of spare) if (!ctx.home(i)) ctx.clinic(i);
  }
}

/**
 * lp_rolling with a given planner; counts its re-plans by method ({@link Policy.stats}).
 * Cost: O(n) per re-plan to collect candidates + the planner; O(due log due) per day to follow the plan.
 * @example const factory = lpRollingWith(greedyPlanner);
 */
export function lpRollingWith(planner: RollingPlanner): PolicyFactory {
  return (setup: PolicySetup): Policy => new LpRollingPolicy(planner, setup);
}
