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
 * Cost: O(1) per call; {@link chainedPairHours} O(n²).
 */
import type { ProgramSettings } from '../scenario/sections/program.js';
import type { LegSource } from './legs.js';
import { legMinutes, nearestLegMinutes } from './legs.js';

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
 * Nurse hours of the chain bank → a → b → bank with a leg of `legMin` minutes from a to b; NaN when the leg
 * is unknown (NaN).
 * @example chainedVisitHours(program, { units: 1, travelMinOneWay: 20 }, { units: 1, travelMinOneWay: 40 }, 15);
 * // 2 × (1.8 + 0.5 + 0.6) + 3.45 + (20 + 15 + 40) / 60 = 10.5 h with the default program
 */
export function chainedVisitHours(program: ProgramSettings, a: ChainStop, b: ChainStop, legMin: number): number {
  if (!(legMin >= 0)) return Number.NaN;
  const leg = Math.min(legMin, a.travelMinOneWay + b.travelMinOneWay);
  const travelHours = (a.travelMinOneWay + leg + b.travelMinOneWay) / 60;
  return nursingHours(program, a.units) + nursingHours(program, b.units) + program.pickup_hours + travelHours;
}

/** Nurse hours of chaining patient `first`'s visit with patient `second`'s (NaN: they cannot be chained). */
export interface ChainRule {
  hours(first: number, second: number): number;
}

/**
 * The chain rule of a cohort: its units per visit and travel from the bank, and the legs between homes.
 * @example chainRule(program, legs, unitsPerEpisode, travelMinOneWay).hours(0, 1);
 */
export function chainRule(
  program: ProgramSettings, legs: LegSource, units: ArrayLike<number>, travelMinOneWay: ArrayLike<number>,
): ChainRule {
  return {
    hours(first: number, second: number): number {
      const a = { units: units[first]!, travelMinOneWay: travelMinOneWay[first]! };
      const b = { units: units[second]!, travelMinOneWay: travelMinOneWay[second]! };
      return chainedVisitHours(program, a, b, legMinutes(legs, first, second));
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
