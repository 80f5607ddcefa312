/**
 * The capacity line for the robustness check: how many top-ranked eligible patients a year of home capacity
 * can carry, filling in rank order. An estimate for flagging unstable places; the optimizer is the authority.
 */

/** Yearly home capacity, plain numbers (the CLI/pipeline derives them from the scenario's `program`). */
export interface YearlyCapacity {
  /** Home visits a year: nurses × visits per nurse per day × working days a year. */
  readonly visits: number;
  /** RBC units the blood bank releases to the home program a year. */
  readonly units: number;
  /** Nurse hours a year. */
  readonly nurseHours: number;
  /** Nurse hours per unit transfused. */
  readonly hoursPerUnit: number;
  /** Nurse hours per visit besides the units (observation, pick-up). */
  readonly hoursPerVisit: number;
}

export interface CapacityLine {
  readonly topN: number;
  /** The resource that stopped the fill, or `none` when every eligible patient fits. */
  readonly binding: 'visits' | 'units' | 'nurse_hours' | 'none';
  readonly visitsUsed: number;
  readonly unitsUsed: number;
  readonly nurseHoursUsed: number;
}

/** Working days in a year per working weekday (52 weeks). */
export const WEEKS_PER_YEAR = 52;

/** Program section fields → yearly capacity. O(1). */
export function yearlyCapacity(program: {
  readonly nurses: number;
  readonly shift_hours: number;
  readonly max_visits_per_nurse_per_day: number;
  readonly working_days: readonly number[];
  readonly home_units_per_day: number;
  readonly hours_per_unit: number;
  readonly observation_hours: number;
  readonly pickup_hours: number;
}): YearlyCapacity {
  const days = program.working_days.length * WEEKS_PER_YEAR;
  return {
    visits: program.nurses * program.max_visits_per_nurse_per_day * days,
    units: program.home_units_per_day * days,
    nurseHours: program.nurses * program.shift_hours * days,
    hoursPerUnit: program.hours_per_unit,
    hoursPerVisit: program.observation_hours + program.pickup_hours,
  };
}

/**
 * Walk the ranking and admit patients (all their yearly episodes and units) until the next one does not fit.
 * Missing episodes/units count as 0. O(m).
 * @example
 * capacityLine(result.order, episodes, units, yearlyCapacity(scenario.program)).topN;
 */
export function capacityLine(order: Int32Array, episodes: Float64Array, units: Float64Array, cap: YearlyCapacity): CapacityLine {
  let visitsUsed = 0;
  let unitsUsed = 0;
  let hoursUsed = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const e = Number.isNaN(episodes[i]!) ? 0 : episodes[i]!;
    const u = Number.isNaN(units[i]!) ? 0 : units[i]!;
    const h = u * cap.hoursPerUnit + e * cap.hoursPerVisit;
    const binding = visitsUsed + e > cap.visits ? 'visits' : unitsUsed + u > cap.units ? 'units' : hoursUsed + h > cap.nurseHours ? 'nurse_hours' : null;
    if (binding) return { topN: k, binding, visitsUsed, unitsUsed, nurseHoursUsed: hoursUsed };
    visitsUsed += e;
    unitsUsed += u;
    hoursUsed += h;
  }
  return { topN: order.length, binding: 'none', visitsUsed, unitsUsed, nurseHoursUsed: hoursUsed };
}
