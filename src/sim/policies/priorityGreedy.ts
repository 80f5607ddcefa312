/**
 * `priority_greedy`: each day, due home-eligible patients are offered home visits in order of priority score
 * plus its waiting-time term (priority's `waiting_time` points, or `wait_points_per_day` × days waiting) until
 * nurses or units run out. Of the rest, the best up to one day's home slots (nurses × visits per nurse) wait
 * for a later slot — a waiting list sized to capacity — and the others are booked into the clinic now.
 * Ineligible patients go to the clinic. `segment_rule`: the same, restricted to the target group.
 *
 * Cost: O(due log due) per day.
 */
import type { DayContext, Policy, PolicyFactory, PolicySetup } from './types.js';

function greedy(name: string, targetOnly: boolean): PolicyFactory {
  return (setup: PolicySetup): Policy => {
    const { score, target } = setup.cohort;
    const waitPoints = setup.settings.sim.wait_points_per_day;
    const slotsPerDay = setup.settings.program.nurses * setup.settings.program.maxVisitsPerNursePerDay;
    const waiting = setup.cohort.waiting;
    const waitTerm = waiting
      ? (days: number): number => waiting.maxPoints * Math.min(1, days / waiting.fullAtDays)
      : (days: number): number => waitPoints * days;
    return {
      name,
      plan(ctx: DayContext): void {
        const candidates: number[] = [];
        for (const i of ctx.due) {
          if (ctx.homeAllowed(i) && (!targetOnly || target[i] === 1)) candidates.push(i);
          else ctx.clinic(i);
        }
        const key = (i: number): number => score[i]! + waitTerm(ctx.waitingDays(i));
        candidates.sort((a, b) => key(b) - key(a) || a - b);
        // the best unserved candidates, up to one day's home slots, wait for tomorrow; the rest go to the clinic now
        let waiting = 0;
        for (const i of candidates) {
          if (ctx.home(i)) continue;
          if (waiting < slotsPerDay) waiting++;
          else ctx.clinic(i);
        }
      },
    };
  };
}

export const priorityGreedy = greedy('priority_greedy', false);
export const segmentRule = greedy('segment_rule', true);
