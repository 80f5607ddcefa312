/**
 * `lp_rolling`: every `lp_resolve_days` days, plan home visits over the next `lp_lookahead_days` days for the
 * home-eligible patients whose Hb (from their last lab) is projected to reach the trigger in that window, then
 * follow the plan: a planned patient who is due on or after the planned day is booked home; home capacity the
 * plan leaves free today goes to unplanned due patients by score; the others go to the clinic.
 *
 * The planner is {@link RollingPlanner}: by default {@link greedyLookaheadPlanner} (a capacity-feasible greedy
 * by score, latest-feasible-day first). The pipeline can pass the optimize stage's solver through
 * `SimulateOptions.rollingPlanner`.
 *
 * Cost: O(c log c + c·w·nurses) per re-plan, c = candidates, w = window width.
 */
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
}

/** Plain input of one re-plan. */
export interface RollingProblem {
  readonly firstDay: number;
  readonly days: number;
  /** Per day of the window: working day or not. */
  readonly working: readonly boolean[];
  readonly nurses: number;
  readonly shiftHours: number;
  readonly visitsPerNurse: number;
  readonly unitsPerDay: number;
  /** Earliest a visit may precede the need day (days). */
  readonly earlyDays: number;
  readonly candidates: readonly RollingCandidate[];
}

/** Returns the planned home day per patient (Map patient → day), synchronously or not. Must respect capacity. */
export type RollingPlanner = (problem: RollingProblem) => Map<number, number> | Promise<Map<number, number>>;

/**
 * Greedy: candidates by score (highest first); each takes the latest working day in
 * [needDay − earlyDays, needDay] (clamped to the window) where a nurse has the hours and a visit left and units
 * remain. O(c log c + c·w·nurses).
 */
export const greedyLookaheadPlanner = (pr: RollingProblem): Map<number, number> => {
  const hoursLeft = Array.from({ length: pr.days }, () => new Float64Array(pr.nurses).fill(pr.shiftHours));
  const visitsLeft = Array.from({ length: pr.days }, () => new Int32Array(pr.nurses).fill(pr.visitsPerNurse));
  const unitsLeft = new Float64Array(pr.days).fill(pr.unitsPerDay);
  const plan = new Map<number, number>();
  const order = [...pr.candidates].sort((a, b) => b.score - a.score || a.patient - b.patient);
  for (const c of order) {
    const last = Math.min(pr.days - 1, c.needDay - pr.firstDay);
    const first = Math.max(0, last - pr.earlyDays);
    for (let w = last; w >= first; w--) {
      if (!pr.working[w] || unitsLeft[w]! < c.units) continue;
      let k = 0;
      while (k < pr.nurses && !(visitsLeft[w]![k]! > 0 && hoursLeft[w]![k]! >= c.nurseHours)) k++;
      if (k === pr.nurses) continue;
      hoursLeft[w]![k]! -= c.nurseHours;
      visitsLeft[w]![k]!--;
      unitsLeft[w]! -= c.units;
      plan.set(c.patient, pr.firstDay + w);
      break;
    }
  }
  return plan;
};

/** Days before the projected need day a planned home visit may happen (one lab interval of slack). */
const EARLY_DAYS = 3;

export function lpRollingWith(planner: RollingPlanner): PolicyFactory {
  return (setup: PolicySetup): Policy => {
    const { cohort, settings, visitHours } = setup;
    const sim = settings.sim, p = settings.program;
    const planned = new Int32Array(cohort.n).fill(-1);
    let nextPlanDay = 0;
    const replan = async (ctx: DayContext): Promise<void> => {
      const d = ctx.day;
      const L = sim.lp_lookahead_days;
      const candidates: RollingCandidate[] = [];
      const due = new Set(ctx.due);
      planned.fill(-1);
      for (let i = 0; i < cohort.n; i++) {
        if (!ctx.homeAllowed(i) || visitHours[i]! > p.shiftHours) continue;
        const lab = ctx.lastLab(i);
        if (lab.day < 0) continue;
        const decline = Math.max(cohort.declinePerDay[i]!, 1e-9);
        const trigger = cohort.triggerGdl[i]!;
        const needDay = due.has(i) ? Math.max(d, ctx.needBy(i)) : Math.floor(lab.day + (lab.hb - trigger) / decline);
        if (needDay < d || needDay >= d + L) continue;
        candidates.push({
          patient: i, needDay, score: cohort.score[i]!, nurseHours: visitHours[i]!, units: cohort.unitsPerEpisode[i]!,
          hbNow: lab.hb - decline * (d - lab.day), declinePerDay: cohort.declinePerDay[i]!, incrementPerUnit: cohort.incrementPerUnit[i]!,
          triggerGdl: trigger, floorGdl: trigger - sim.floor_below_trigger_g_dl, travelMinOneWay: cohort.travelMinOneWay[i]!, distanceKm: cohort.distanceKm[i]!,
        });
      }
      const working = Array.from({ length: L }, (_, w) => p.workingDays.includes(((d + w) % 7) + 1));
      const plan = await planner({
        firstDay: d, days: L, working, nurses: p.nurses, shiftHours: p.shiftHours, visitsPerNurse: p.maxVisitsPerNursePerDay,
        unitsPerDay: p.homeUnitsPerDay, earlyDays: EARLY_DAYS, candidates,
      });
      for (const [i, day] of plan) planned[i] = day;
    };
    return {
      name: 'lp_rolling',
      beforeDay(ctx: DayContext): Promise<void> | void {
        if (ctx.day < nextPlanDay) return;
        nextPlanDay = ctx.day + sim.lp_resolve_days;
        return replan(ctx);
      },
      plan(ctx: DayContext): void {
        const spare: number[] = [];
        for (const i of ctx.due) {
          if (planned[i]! >= 0 && ctx.homeAllowed(i)) {
            if (planned[i]! <= ctx.day) ctx.home(i);
          } else if (ctx.homeAllowed(i)) {
            spare.push(i);
          } else {
            ctx.clinic(i);
          }
        }
        // capacity the plan left free today goes to unplanned due patients by score; the rest to the clinic
        spare.sort((a, b) => cohort.score[b]! - cohort.score[a]! || a - b);
        for (const i of spare) if (!ctx.home(i)) ctx.clinic(i);
      },
    };
  };
}

export const lpRolling = lpRollingWith(greedyLookaheadPlanner);

