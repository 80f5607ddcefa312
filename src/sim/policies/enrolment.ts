/**
 * Today's clinical heuristics: a fixed home list is enrolled once, in some order, until the program's yearly
 * capacity is full; each day enrolled due patients are booked home first come first served (waiting for a slot
 * until their trigger day), everyone else goes to the clinic.
 *
 * - `referral`: eligible patients in random referral order (the policy's own stream).
 * - `distance_first`: farthest from the clinic first.
 * - `frequency_first`: most transfusion episodes per year first.
 *
 * Cost: O(n log n) once, O(due) per day.
 */
import { shuffled } from '../../random/index.js';
import { enrolUntilFull, episodesPerYear } from './capacity.js';
import type { DayContext, Policy, PolicyFactory, PolicySetup } from './types.js';

/** One run's enrolment policy; a class so every run shares one `plan` (no closure per run for the JIT). */
class EnrolledPolicy implements Policy {
  constructor(readonly name: string, private readonly enrolled: Uint8Array) {}

  plan(ctx: DayContext): void {
    for (const i of ctx.due) {
      if (this.enrolled[i] && ctx.homeAllowed(i)) {
        ctx.home(i); // no slot today → wait; the model's safety net sends them to the clinic on their trigger day
      } else {
        ctx.clinic(i);
      }
    }
  }
}

function enrolledPolicy(name: string, order: (setup: PolicySetup) => number[]): PolicyFactory {
  return (setup: PolicySetup): Policy =>
    new EnrolledPolicy(name, enrolUntilFull(setup.cohort, setup.settings, setup.visitHours, order(setup), setup.settings.sim.enrolment_utilisation));
}

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export const referral = enrolledPolicy('referral', (s) => shuffled(s.rng, all(s.cohort.n)));

export const distanceFirst = enrolledPolicy('distance_first', (s) =>
  all(s.cohort.n).sort((a, b) => s.cohort.distanceKm[b]! - s.cohort.distanceKm[a]! || a - b));

export const frequencyFirst = enrolledPolicy('frequency_first', (s) => {
  const e = Float64Array.from(all(s.cohort.n), (i) => episodesPerYear(s.cohort, i));
  return all(s.cohort.n).sort((a, b) => e[b]! - e[a]! || a - b);
});
