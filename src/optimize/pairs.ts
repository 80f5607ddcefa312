/**
 * Near pairs for chained trips in the allocation model (docs/optimize.md, "Chained trips"). Where the scenario
 * gives where patients live (coordinates or a travel matrix), two home visits can share one trip: blood bank →
 * A → B → bank with one pick-up (src/service/chain.ts, the rule the simulator's roster uses). A column per pair
 * and day is only worth having for pairs that live near each other, so each eligible patient offers the model
 * its `neighbours` nearest partners (by the shorter of the two legs; ties: the next indices after its own, cyclically) among the eligible
 * patients with whom a chain fits one nurse's day and is shorter than the two round trips it replaces.
 *
 * Cost: O(n²) leg look-ups (n eligible patients), O(n · neighbours) memory.
 */
import type { ChainRule, LegSource } from '../service/index.js';
import { chainRule, fitsNurseDay, HOURS_TOLERANCE, legMinutes } from '../service/index.js';
import type { OptimizePatient, ProgramCapacity } from './types.js';

/** Where the model's patients live: legs between homes and each model patient's index into them. */
export interface OptimizeRouting {
  readonly legs: LegSource;
  /** Index into `legs` of model patient i (default: i itself — the patients are the cohort's rows). */
  readonly legIndex?: ArrayLike<number>;
}

/** One chainable pair: `first` is visited first (the shorter direction), both by one nurse on one trip. */
export interface ChainPair {
  readonly first: number;
  readonly second: number;
  /** Nurse hours of the whole trip (chain.ts). */
  readonly hours: number;
  /** Kilometres driven on the trip: bank → first → second → bank. */
  readonly km: number;
}

/**
 * The simulator's chain rule (src/service/chain.ts: hours, km, minutes out) over the model's patients, indexed as
 * `patients`, legs looked up through `routing.legIndex`. O(n).
 */
export function modelChainRule(patients: readonly OptimizePatient[], program: ProgramCapacity, routing: OptimizeRouting): ChainRule {
  const cohort = {
    unitsPerEpisode: patients.map((p) => p.unitsPerEpisode), travelMinOneWay: patients.map((p) => p.travelMinOneWay),
    distanceKm: patients.map((p) => p.distanceKm),
  };
  return chainRule(program, routing.legs, cohort, routing.legIndex);
}

/**
 * The pairs offered to the model: for each eligible patient, up to `neighbours` nearest partners whose chain
 * fits a nurse's day and saves time over two round trips; each pair once, in the direction of
 * the shorter trip, listed in index order. `roundTrip[i]`: nurse hours of patient i's round trip. O(n²).
 * @example nearPairs(patients, program, routing, roundTrip, 4).length; // ≤ 4 × eligible patients
 */
export function nearPairs(
  patients: readonly OptimizePatient[], program: ProgramCapacity, routing: OptimizeRouting, roundTrip: ArrayLike<number>, neighbours: number,
): ChainPair[] {
  if (neighbours <= 0 || program.max_visits_per_nurse_per_day < 2) return [];
  const at = (i: number): number => (routing.legIndex ? routing.legIndex[i]! : i);
  const eligible = patients.map((p, i) => (p.eligible ? i : -1)).filter((i) => i >= 0);
  const pairs = new Map<string, ChainPair>();
  const rule = modelChainRule(patients, program, routing);
  const candidate = (a: number, b: number): ChainPair | null => {
    const ab = rule.hours(a, b), ba = rule.hours(b, a);
    // NaN (unknown leg) compares false everywhere below
    const forward = !(ba < ab);
    const hours = forward ? ab : ba;
    if (!fitsNurseDay(program, hours) || !(hours < roundTrip[a]! + roundTrip[b]! - HOURS_TOLERANCE)) return null;
    const [first, second] = forward ? [a, b] : [b, a];
    return { first, second, hours, km: rule.km(first, second) }; // bank → first → second → bank
  };
  for (const a of eligible) {
    // the `neighbours` nearest valid partners so far, nearest first (insertion into a short list)
    const near: { b: number; min: number; pair: ChainPair }[] = [];
    // in cyclic order from a + 1, so equal legs (homes at one spot) spread partners round the cohort instead of
    // making the lowest indices everyone's nearest
    const start = eligible.findIndex((i) => i > a);
    for (let s = 0; s < eligible.length; s++) {
      const b = eligible[(s + (start < 0 ? 0 : start)) % eligible.length]!;
      if (b === a) continue;
      const min = Math.min(legMinutes(routing.legs, at(a), at(b)), legMinutes(routing.legs, at(b), at(a)));
      if (!(min < Infinity) || (near.length === neighbours && !(min < near[near.length - 1]!.min))) continue;
      const pair = candidate(a, b);
      if (!pair) continue;
      let k = near.length;
      while (k > 0 && near[k - 1]!.min > min) k--;
      near.splice(k, 0, { b, min, pair });
      if (near.length > neighbours) near.pop();
    }
    for (const { b, pair } of near) {
      const key = a < b ? `${a},${b}` : `${b},${a}`;
      if (!pairs.has(key)) pairs.set(key, pair);
    }
  }
  return [...pairs.values()].sort((x, y) => Math.min(x.first, x.second) - Math.min(y.first, y.second) || Math.max(x.first, x.second) - Math.max(y.first, y.second));
}
