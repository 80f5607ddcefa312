/**
 * `priority_greedy`: each day, due home-eligible patients are offered home visits in order of priority score
 * plus its waiting-time term (priority's `waiting_time` points, or `wait_points_per_day` × days waiting), until nurses or units run out; the rest wait for a later slot (the
 * safety net sends them to the clinic on their trigger day). Ineligible patients go to the clinic.
 * `segment_rule`: the same, restricted to the target group (segment / rule match).
 *
 * Cost: O(due log due) per day.
 */
import type { DayContext, Policy, PolicyFactory, PolicySetup } from './types.js';

function greedy(name: string, targetOnly: boolean): PolicyFactory {
  return (setup: PolicySetup): Policy => {
    const { score, target } = setup.cohort;
    const waitPoints = setup.settings.sim.wait_points_per_day;
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
        for (const i of candidates) ctx.home(i);
      },
    };
  };
}

export const priorityGreedy = greedy('priority_greedy', false);
export const segmentRule = greedy('segment_rule', true);
