/**
 * `priority_greedy`: each day, due home-eligible patients are offered home visits in order of priority score
 * plus its urgency term from the simulated Hb (days to the projected trigger day) and its waiting-time term (priority's `waiting_time` points, or `wait_points_per_day` × days waiting) until
 * nurses or units run out. Of the rest, the best up to one day's home slots (nurses × visits per nurse) wait
 * for a later slot — a waiting list sized to capacity — and the others are booked into the clinic now.
 * Ineligible patients go to the clinic. `segment_rule`: the same, restricted to the target group.
 *
 * Cost: O(due log due) per day.
 */
import { urgencyPoints } from '../model/cohort.js';
import type { SimCohort } from '../model/types.js';
import type { DayContext, Policy, PolicyFactory, PolicySetup } from './types.js';

/** One run's greedy policy; a class so every run shares one `plan` (no closure per run for the JIT to re-specialise). */
class GreedyPolicy implements Policy {
  private readonly cohort: SimCohort;
  private readonly score: Float64Array;
  private readonly target: Uint8Array;
  private readonly slotsPerDay: number;
  private readonly waitPoints: number;
  private readonly hasWaiting: boolean;
  private readonly waitMax: number;
  private readonly waitFullAt: number;
  /** Sort key per patient, filled for today's candidates (score + waiting term). */
  private readonly key: Float64Array;

  constructor(readonly name: string, private readonly targetOnly: boolean, setup: PolicySetup) {
    this.cohort = setup.cohort;
    this.score = setup.cohort.score;
    this.target = setup.cohort.target;
    this.slotsPerDay = setup.settings.program.nurses * setup.settings.program.max_visits_per_nurse_per_day;
    this.waitPoints = setup.settings.sim.wait_points_per_day;
    const waiting = setup.cohort.waiting;
    // no waiting term configured: the linear wait_points_per_day × days
    this.hasWaiting = waiting !== null;
    this.waitMax = waiting ? waiting.maxPoints : 0;
    this.waitFullAt = waiting ? waiting.fullAtDays : 1;
    this.key = new Float64Array(setup.cohort.n);
  }

  private waitTerm(days: number): number {
    return this.hasWaiting ? this.waitMax * Math.min(1, days / this.waitFullAt) : this.waitPoints * days;
  }

  plan(ctx: DayContext): void {
    const { score, target, key } = this;
    const candidates: number[] = [];
    for (const i of ctx.due) {
      if (ctx.homeAllowed(i) && (!this.targetOnly || target[i] === 1)) {
        candidates.push(i);
        key[i] = score[i]! + this.waitTerm(ctx.waitingDays(i)) + urgencyPoints(this.cohort, ctx.needBy(i) - ctx.day); // once per candidate
      } else {
        ctx.clinic(i);
      }
    }
    candidates.sort((a, b) => key[b]! - key[a]! || a - b);
    // the best unserved candidates, up to one day's home slots, wait for tomorrow; the rest go to the clinic now
    let waiting = 0;
    for (const i of candidates) {
      if (ctx.home(i)) continue;
      if (waiting < this.slotsPerDay) waiting++;
      else ctx.clinic(i);
    }
  }
}

function greedy(name: string, targetOnly: boolean): PolicyFactory {
  return (setup: PolicySetup): Policy => new GreedyPolicy(name, targetOnly, setup);
}

export const priorityGreedy = greedy('priority_greedy', false);
export const segmentRule = greedy('segment_rule', true);
