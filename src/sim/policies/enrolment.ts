/**
 * Today's clinical heuristics: a home list kept in some order, enrolled while the program's yearly capacity
 * allows (a waiting list, waitingList.ts); each day enrolled due patients are booked home first come first
 * served (waiting for a slot until their trigger day), everyone else goes to the clinic. In an open cohort a
 * departed patient's share of capacity goes to the next on the list and a new arrival joins the list at its
 * place in the order; in a closed cohort the list is filled once, on day 0.
 *
 * - `referral`: eligible patients in random referral order (the policy's own stream); arrivals in arrival order.
 * - `distance_first`: farthest from the clinic first.
 * - `frequency_first`: most transfusion episodes per year first.
 *
 * Cost: O(n log n) once, O(due) per day, O(list) per arrival or departure.
 */
import { shuffled } from '../../random/index.js';
import { chainedPairHours, fitsShare, yearlyCapacityShare } from '../../service/index.js';
import type { SimCohort } from '../model/types.js';
import type { DayContext, Policy, PolicyFactory, PolicySetup } from './types.js';
import { WaitingList } from './waitingList.js';

/** One run's enrolment policy; a class so every run shares one `plan` (no closure per run for the JIT). */
class EnrolledPolicy implements Policy {
  private readonly enrolled: Uint8Array;

  constructor(readonly name: string, private readonly list: WaitingList, private readonly eligible: Uint8Array) {
    this.enrolled = list.enrolled;
  }

  plan(ctx: DayContext): void {
    for (const i of ctx.due) {
      if (this.enrolled[i] && ctx.homeAllowed(i)) {
        ctx.home(i); // no slot today → wait; the model's safety net sends them to the clinic on their trigger day
      } else {
        // withdrawn from home care after a severe reaction: their place goes to the next on the list
        if (this.enrolled[i]) this.list.leave(i);
        ctx.clinic(i);
      }
    }
  }

  arrive(i: number): void {
    if (this.eligible[i] === 1) this.list.join(i);
  }

  leave(i: number): void {
    this.list.leave(i);
  }

  stats(): Readonly<Record<string, number>> {
    return { ...this.list.stats() };
  }
}

/** Expected transfusion episodes a year of patient i, steady state: 365 · decline a day / (units · increment). */
export function episodesPerYear(cohort: SimCohort, i: number): number {
  const perEpisode = cohort.unitsPerEpisode[i]! * cohort.incrementPerUnit[i]!;
  return perEpisode > 0 ? (365 * cohort.declinePerDay[i]!) / perEpisode : 0;
}

/** Per cohort's legs: each patient's two visits chained to their nearest neighbour, hours (O(n²) once per thread). */
const pairCache = new WeakMap<object, { program: object; hours: Float64Array }>();

/**
 * With the scenario's routing, a nurse-day holds two of a patient's visits when they chain to the patient's
 * nearest neighbour (the service model's yearly capacity, as priority's capacity line sizes it).
 */
function pairHoursOf(cohort: SimCohort, program: PolicySetup['settings']['program']): Float64Array {
  const legs = cohort.legs!;
  const hit = pairCache.get(legs);
  if (hit && hit.program === program) return hit.hours;
  const hours = chainedPairHours(program, legs, cohort.unitsPerEpisode, cohort.travelMinOneWay);
  pairCache.set(legs, { program, hours });
  return hours;
}

/** How a policy orders its list: the day-0 order, and whether arrival a goes before listed patient b. */
interface ListOrder {
  readonly dayZero: (setup: PolicySetup) => number[];
  readonly before: (cohort: SimCohort) => (a: number, b: number) => boolean;
}

/**
 * The run's waiting list: each patient's share of a year of home capacity (the service model's: per-nurse shifts
 * and units), `enrolment_utilisation` of it to fill, the day-0 cohort's eligible patients listed in order. O(n).
 */
function waitingList(setup: PolicySetup, order: ListOrder): WaitingList {
  const { cohort, settings, visitHours } = setup;
  const episodes = Float64Array.from({ length: cohort.n }, (_, i) => episodesPerYear(cohort, i));
  const pairHours = cohort.legs ? pairHoursOf(cohort, settings.program) : undefined;
  const demand = { episodesPerYear: episodes, visitHours, unitsPerVisit: cohort.unitsPerEpisode, ...(pairHours ? { pairHours } : {}) };
  const share = Float64Array.from({ length: cohort.n }, (_, i) => yearlyCapacityShare(settings.program, demand, i));
  const list = new WaitingList(share, settings.sim.enrolment_utilisation, fitsShare, order.before(cohort));
  // an open cohort's arrival pool is not there on day 0: its patients join the list when they arrive
  const first = dayZero(cohort);
  list.start(order.dayZero(setup).filter((i) => cohort.eligible[i] === 1 && i < first));
  return list;
}

function enrolledPolicy(name: string, order: ListOrder): PolicyFactory {
  return (setup: PolicySetup): Policy => new EnrolledPolicy(name, waitingList(setup, order), setup.cohort.eligible);
}

const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
/** The day-0 cohort (an open cohort's arrival pool joins later): its size keeps the referral draws the same. */
const dayZero = (cohort: SimCohort): number => cohort.arrivals?.first ?? cohort.n;

/** A list sorted by a key, highest first, ties by patient index. */
function byKey(key: (cohort: SimCohort) => Float64Array): ListOrder {
  return {
    dayZero: (s) => {
      const k = key(s.cohort);
      return all(dayZero(s.cohort)).sort((a, b) => k[b]! - k[a]! || a - b);
    },
    before: (cohort) => {
      const k = key(cohort);
      return (a, b) => k[a]! > k[b]! || (k[a] === k[b] && a < b);
    },
  };
}

export const referral = enrolledPolicy('referral', {
  dayZero: (s) => shuffled(s.rng, all(dayZero(s.cohort))),
  before: () => () => false, // arrivals join at the end, in arrival order
});

export const distanceFirst = enrolledPolicy('distance_first', byKey((c) => c.distanceKm));

export const frequencyFirst = enrolledPolicy('frequency_first',
  byKey((c) => Float64Array.from(all(c.n), (i) => episodesPerYear(c, i))));
