/**
 * The capacity line for the robustness check: how many top-ranked eligible patients a year of home capacity
 * can carry, filling in rank order. The arithmetic is the service model's ({@link fillYearlyCapacity}: per-nurse
 * shifts and per-day units, as the report's check and the optimizer count them); this file only reads columns.
 * An estimate for flagging unstable places; the optimizer is the authority.
 */
import type { ProgramSettings } from '../scenario/sections/program.js';
import type { LegSource } from '../service/index.js';
import type { YearlyDemand } from '../service/index.js';
import {
  TYPICAL_TRAVEL_MIN_ONE_WAY, TYPICAL_UNITS_PER_EPISODE, chainedPairHours, fillYearlyCapacity, homeVisitHours,
  yearlyCapacityShare,
} from '../service/index.js';

export interface CapacityLine {
  readonly topN: number;
  /** The resource that stopped the fill, or `none` when every eligible patient fits. */
  readonly binding: 'nurse_shifts' | 'units' | 'none';
  readonly visitsUsed: number;
  readonly unitsUsed: number;
  /** Share of a year's home capacity the admitted patients use. */
  readonly capacityUsed: number;
  /** Open cohort: the whole eligible cohort expected a year on against the same capacity (absent: closed). */
  readonly ahead?: CapacityAhead;
}

/** The eligible cohort expected some days on, against a year of home capacity. */
export interface CapacityAhead {
  readonly days: number;
  /** Expected eligible patients then (Σ of their weights). */
  readonly patients: number;
  /** Their home visits a year (Σ weight × episodes a year). */
  readonly visitsPerYear: number;
  /** Share of a year's home capacity those visits use (Σ weight × each patient's share; > 1: more than it holds). */
  readonly capacityUsed: number;
  /** Home visits a year the program makes for that mix of visits: visitsPerYear / capacityUsed (NaN without demand). */
  readonly capacityVisitsPerYear: number;
}

/** Per patient: episodes a year, units a year, travel one way (minutes); NaN = missing. */
export interface CapacityColumns {
  readonly episodes: Float64Array;
  readonly units: Float64Array;
  readonly travelMinOneWay?: Float64Array;
}

/**
 * Walk the ranking and admit patients (all their yearly episodes and units) until the next one does not fit.
 * Missing episodes/units count as 0 visits; units per visit default to 2 and travel to 30 min (DOMAIN.md).
 * O(m).
 * @example
 * capacityLine(result.order, { episodes, units, travelMinOneWay }, scenario.program).topN;
 */
export function capacityLine(order: Int32Array, cols: CapacityColumns, program: ProgramSettings, legs?: LegSource): CapacityLine {
  const fill = fillYearlyCapacity(program, yearlyDemandOf(cols, program, legs), order, 1);
  const { line: topN, binding, visitsUsed, unitsUsed, capacityUsed } = fill;
  return { topN, binding, visitsUsed, unitsUsed, capacityUsed };
}

/**
 * The eligible patients (`order`) weighted by their expected presence `days` on (`weight`, per row: an open
 * cohort's survivors plus the arrivals they stand for), against a year of home capacity: Σ wᵢ·episodesᵢ visits
 * a year using Σ wᵢ·shareᵢ of it (the service model's share per patient; a visit that fits no nurse's day counts
 * as no home visit, as in the fill). O(m).
 * @example capacityAhead(result.order, cols, scenario.program, ahead.weight, 365).capacityUsed; // 1.2: 20% short
 */
export function capacityAhead(order: Int32Array, cols: CapacityColumns, program: ProgramSettings, weight: Float64Array,
  days: number, legs?: LegSource): CapacityAhead {
  const demand = yearlyDemandOf(cols, program, legs);
  let patients = 0, visits = 0, used = 0;
  for (const i of order) {
    const w = weight[i]!, share = yearlyCapacityShare(program, demand, i);
    patients += w;
    if (Number.isNaN(share)) continue;
    visits += w * demand.episodesPerYear[i]!;
    used += w * share;
  }
  const capacityVisitsPerYear = used > 0 ? visits / used : Number.NaN;
  return { days, patients, visitsPerYear: visits, capacityUsed: used, capacityVisitsPerYear };
}

/**
 * Per patient: episodes and units per visit (missing → 0 visits, 2 units), visit hours and, with routing, pair
 * hours. O(n).
 */
function yearlyDemandOf(cols: CapacityColumns, program: ProgramSettings, legs?: LegSource): YearlyDemand {
  const n = cols.episodes.length;
  const episodes = Float64Array.from(cols.episodes, (e) => (Number.isNaN(e) ? 0 : e));
  const unitsPerVisit = Float64Array.from({ length: n }, (_, i) => {
    const u = cols.units[i]!, e = episodes[i]!;
    return e > 0 && !Number.isNaN(u) ? u / e : TYPICAL_UNITS_PER_EPISODE;
  });
  const travel = Float64Array.from({ length: n }, (_, i) => {
    const t = cols.travelMinOneWay?.[i];
    return t === undefined || Number.isNaN(t) ? TYPICAL_TRAVEL_MIN_ONE_WAY : t;
  });
  const visitHours = Float64Array.from({ length: n }, (_, i) => homeVisitHours(program, unitsPerVisit[i]!, travel[i]!));
  // with routing, two of a patient's visits may share a trip (the service model's chain to the nearest neighbour)
  const pairHours = legs ? chainedPairHours(program, legs, unitsPerVisit, travel) : undefined;
  return { episodesPerYear: episodes, visitHours, unitsPerVisit, ...(pairHours ? { pairHours } : {}) };
}
