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
import { fillYearlyCapacity } from '../../service/index.js';
import type { SimCohort } from '../model/types.js';
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

/** Expected transfusion episodes a year of patient i, steady state: 365 · decline a day / (units · increment). */
export function episodesPerYear(cohort: SimCohort, i: number): number {
  const perEpisode = cohort.unitsPerEpisode[i]! * cohort.incrementPerUnit[i]!;
  return perEpisode > 0 ? (365 * cohort.declinePerDay[i]!) / perEpisode : 0;
}

/**
 * Enrol eligible patients in `order` while their yearly visits fit `enrolment_utilisation` of a year of home
 * capacity (the service model's yearly fill: per-nurse shifts and units). O(n).
 */
function enrol(setup: PolicySetup, order: readonly number[]): Uint8Array {
  const { cohort, settings, visitHours } = setup;
  // patients of an open cohort's arrival pool are not there at enrolment (they are never enrolled: docs/model.md)
  const first = dayZero(cohort);
  const eligibleOrder = order.filter((i) => cohort.eligible[i] === 1 && i < first);
  const episodes = Float64Array.from({ length: cohort.n }, (_, i) => episodesPerYear(cohort, i));
  const demand = { episodesPerYear: episodes, visitHours, unitsPerVisit: cohort.unitsPerEpisode };
  return fillYearlyCapacity(settings.program, demand, eligibleOrder, settings.sim.enrolment_utilisation).admitted;
}

function enrolledPolicy(name: string, order: (setup: PolicySetup) => number[]): PolicyFactory {
  return (setup: PolicySetup): Policy => new EnrolledPolicy(name, enrol(setup, order(setup)));
}

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
/** The day-0 cohort (an open cohort's arrival pool is never enrolled): its size keeps the referral draws the same. */
const dayZero = (cohort: SimCohort): number => cohort.arrivals?.first ?? cohort.n;

export const referral = enrolledPolicy('referral', (s) => shuffled(s.rng, all(dayZero(s.cohort))));

export const distanceFirst = enrolledPolicy('distance_first', (s) =>
  all(s.cohort.n).sort((a, b) => s.cohort.distanceKm[b]! - s.cohort.distanceKm[a]! || a - b));

export const frequencyFirst = enrolledPolicy('frequency_first', (s) => {
  const e = Float64Array.from(all(s.cohort.n), (i) => episodesPerYear(s.cohort, i));
  return all(s.cohort.n).sort((a, b) => e[b]! - e[a]! || a - b);
});
