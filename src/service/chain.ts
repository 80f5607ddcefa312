/**
 * Two home visits chained on one trip: blood bank → patient A → patient B → blood bank, with one pick-up at
 * the bank for both patients' units. Used when the scenario gives patient coordinates or a travel matrix
 * (`routing` section, legs.ts); otherwise every visit is a round trip (visit.ts).
 *
 *   chain (nurse hours) = nursing A + nursing B                (units × hours_per_unit + observation + set-up each)
 *                       + pickup_hours                          (once: one pick-up serves both visits — assumption)
 *                       + (travel A + leg A→B + travel B) / 60  (bank → A and B → bank: each patient's own
 *                                                                travel_min_one_way, as in a round trip)
 *
 * The leg A→B is at most travel A + travel B (driving back through the bank is always possible), so a chain
 * never takes longer than the two round trips it replaces: it saves one pick-up and, with a short leg, travel.
 *
 * What the trip counts (the simulator's nurse km and minutes out of the fridge follow the chain):
 *
 *   chain km  = km A + leg km + km B, each patient's `distance_km` for the bank legs (as a round trip's 2 × km);
 *               leg km: with coordinates the straight-line (or great-circle) km between the homes; with a travel
 *               matrix (minutes only) the leg's minutes × the pair's km per minute on their bank trips,
 *               (km A + km B) ÷ (travel A + travel B) — the speed their own round trips imply. Like the minutes,
 *               at most km A + km B (the way back through the bank), so chain km ≤ the two round trips' km.
 *   units out = B's units: travel A + the nurse's time at A + leg A→B + time at B + travel B back;
 *               A's units that come back ride along the whole chain, the same sum.
 *
 * Cost: O(1) per call; {@link chainedPairHours} O(n²).
 */
import type { ProgramSettings } from '../scenario/sections/program.js';
import type { LegSource } from './legs.js';
import { legKm, legMinutes, nearestLegMinutes } from './legs.js';

/** One visit of a chain: units given and the patient's travel from the bank, minutes one way. */
export interface ChainStop {
  readonly units: number;
  readonly travelMinOneWay: number;
}

/** Nurse hours at the patient's home: units × hours_per_unit + observation + set-up (no travel, no pick-up). */
export function nursingHours(program: ProgramSettings, units: number): number {
  return units * program.hours_per_unit + program.observation_hours + program.setup_hours;
}

/**
 * The share of a chain's nurse hours ({@link chainedVisitHours}) its second stop carries: its nursing and the drive
 * back to the bank; the first stop carries the rest (pick-up, the drive out, its nursing, the leg). O(1).
 * @example chainSecondStopHours(program, { units: 1, travelMinOneWay: 40 }); // 2.9 + 40/60 with the default program
 */
export function chainSecondStopHours(program: ProgramSettings, stop: ChainStop): number {
  return nursingHours(program, stop.units) + stop.travelMinOneWay / 60;
}

/**
 * Nurse hours of the chain bank → a → b → bank with a leg of `legMin` minutes from a to b; NaN when the leg
 * is unknown (NaN).
 * @example chainedVisitHours(program, { units: 1, travelMinOneWay: 20 }, { units: 1, travelMinOneWay: 40 }, 15);
 * // 2 × (1.8 + 0.5 + 0.6) + 3.45 + (20 + 15 + 40) / 60 = 10.5 h with the default program
 */
export function chainedVisitHours(program: ProgramSettings, a: ChainStop, b: ChainStop, legMin: number): number {
  const leg = drivenLegMinutes(a, b, legMin);
  if (Number.isNaN(leg)) return Number.NaN;
  const travelHours = (a.travelMinOneWay + leg + b.travelMinOneWay) / 60;
  return nursingHours(program, a.units) + nursingHours(program, b.units) + program.pickup_hours + travelHours;
}

/** One stop's bank trip: minutes one way and km one way (the patient's `travel_min_one_way`, `distance_km`). */
export interface TripStop {
  readonly travelMinOneWay: number;
  readonly distanceKm: number;
}

/** A stop's minutes from the bank, one way. */
type Travel = Pick<TripStop, 'travelMinOneWay'>;

/**
 * Minutes of the leg a → b as driven: the leg, or the way back through the bank when that is shorter (NaN: unknown).
 * @example drivenLegMinutes({ travelMinOneWay: 20 }, { travelMinOneWay: 40 }, 100); // 60
 */
export function drivenLegMinutes(a: Travel, b: Travel, legMin: number): number {
  if (!(legMin >= 0)) return Number.NaN;
  return Math.min(legMin, a.travelMinOneWay + b.travelMinOneWay);
}

/**
 * Nurse km of the chain bank → a → b → bank: km a + leg km + km b, the leg at most km a + km b (the way through
 * the bank, also taken when the leg's minutes exceed travel a + travel b). `legKmRaw` NaN (a travel matrix): the
 * driven minutes at the pair's km per minute, (km a + km b) ÷ (travel a + travel b). NaN when the leg is unknown.
 * @example chainedKm({ travelMinOneWay: 20, distanceKm: 10 }, { travelMinOneWay: 40, distanceKm: 30 }, 15, Number.NaN);
 * // 10 + 15 × 40 / 60 + 30 = 50 km (matrix); with coordinates 5 km apart: 10 + 5 + 30 = 45 km
 */
export function chainedKm(a: TripStop, b: TripStop, legMin: number, legKmRaw: number): number {
  const driven = drivenLegMinutes(a, b, legMin);
  if (Number.isNaN(driven)) return Number.NaN;
  const via = a.distanceKm + b.distanceKm, viaMin = a.travelMinOneWay + b.travelMinOneWay;
  let leg: number;
  if (legMin > viaMin) leg = via; // the nurse drives back through the bank
  else if (Number.isNaN(legKmRaw)) leg = viaMin > 0 ? (driven * via) / viaMin : 0;
  else leg = Math.min(legKmRaw, via);
  return a.distanceKm + leg + b.distanceKm;
}

/**
 * Minutes units carried on the chain bank → a → b → bank are out of the fridge when they come back to the bank:
 * travel a + the nurse's minutes at a + the leg as driven + minutes at b + travel b (a round trip's
 * 2 × travel + minutes on site, with a's stop and the leg before b's). NaN when the leg is unknown.
 * @example chainMinutesOut({ travelMinOneWay: 30 }, { travelMinOneWay: 40 }, 25, 15, 15); // 125
 */
export function chainMinutesOut(a: Travel, b: Travel, legMin: number, minutesAtA: number, minutesAtB: number): number {
  return a.travelMinOneWay + minutesAtA + drivenLegMinutes(a, b, legMin) + minutesAtB + b.travelMinOneWay;
}

/** What chaining patient `first`'s visit with patient `second`'s costs (NaN: they cannot be chained). */
export interface ChainRule {
  /** Nurse hours of the chain ({@link chainedVisitHours}). */
  hours(first: number, second: number): number;
  /** Minutes out of the fridge of units carried on the chain ({@link chainMinutesOut}). */
  minutesOut(first: number, second: number, minutesAtFirst: number, minutesAtSecond: number): number;
  /** Nurse km of the chain ({@link chainedKm}). */
  km(first: number, second: number): number;
}

/** A cohort's per-patient figures a chain needs, index-aligned. */
export interface ChainCohort {
  readonly unitsPerEpisode: ArrayLike<number>;
  readonly travelMinOneWay: ArrayLike<number>;
  readonly distanceKm: ArrayLike<number>;
}

/**
 * The chain rule of a cohort: its units per visit, travel and km from the bank, and the legs between homes.
 * `legIndex` maps the cohort's patient i to its row in `legs` (default: i itself).
 * @example chainRule(program, legs, { unitsPerEpisode, travelMinOneWay, distanceKm }).hours(0, 1);
 */
export function chainRule(program: ProgramSettings, legs: LegSource, cohort: ChainCohort, legIndex?: ArrayLike<number>): ChainRule {
  const { unitsPerEpisode: units, travelMinOneWay: travel, distanceKm: km } = cohort;
  const stop = (i: number): TripStop => ({ travelMinOneWay: travel[i]!, distanceKm: km[i]! });
  const at = (i: number): number => (legIndex ? legIndex[i]! : i);
  return {
    hours(first: number, second: number): number {
      const a = { units: units[first]!, travelMinOneWay: travel[first]! };
      const b = { units: units[second]!, travelMinOneWay: travel[second]! };
      return chainedVisitHours(program, a, b, legMinutes(legs, at(first), at(second)));
    },
    minutesOut(first: number, second: number, minutesAtFirst: number, minutesAtSecond: number): number {
      const leg = legMinutes(legs, at(first), at(second));
      return chainMinutesOut(stop(first), stop(second), leg, minutesAtFirst, minutesAtSecond);
    },
    km(first: number, second: number): number {
      const raw = legs.kind === 'matrix' ? Number.NaN : legKm(legs, at(first), at(second));
      return chainedKm(stop(first), stop(second), legMinutes(legs, at(first), at(second)), raw);
    },
  };
}

/**
 * Per patient, nurse hours of two of their visits chained on one trip to their nearest neighbour (the
 * partner a yearly capacity estimate assumes; NaN where no leg is known). O(n²).
 * @example chainedPairHours(program, legs, unitsPerVisit, travelMinOneWay)[0];
 */
export function chainedPairHours(
  program: ProgramSettings, legs: LegSource, units: ArrayLike<number>, travelMinOneWay: ArrayLike<number>,
): Float64Array {
  const nearest = nearestLegMinutes(legs, units.length);
  return Float64Array.from({ length: units.length }, (_, i) => {
    const stop = { units: units[i]!, travelMinOneWay: travelMinOneWay[i]! };
    return chainedVisitHours(program, stop, stop, nearest[i]!);
  });
}
