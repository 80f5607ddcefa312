/**
 * Back-of-envelope capacity check: how many home visits a week the program's nurses (each on their own
 * shift) and blood supply allow for the cohort's typical visit, against the cohort's transfusion episodes a
 * week. The arithmetic is the service model's (src/service): this file only reads the cohort's columns —
 * shown in the report as the baseline the plan is read against, and used as sweep metrics.
 */
import { findColumn } from '../data/table.js';
import type { PatientTable } from '../data/table.js';
import type { Scenario } from '../scenario/schema.js';
import type { BindingLimit, ChainStop, LegSource } from '../service/index.js';
import { chainedVisitHours, nearestLegMinutes } from '../service/index.js';
import { median } from '../stats/index.js';
import {
  TYPICAL_TRAVEL_MIN_ONE_WAY, TYPICAL_UNITS_PER_EPISODE, WEEKS_PER_YEAR, closedHolidaysInYear, homeVisitHours, homeVisitsPerYear, visitsPerNurseDay,
  weekCapacity,
} from '../service/index.js';

export interface CapacityCheck {
  /** Working days a week (program.working_days). */
  readonly daysPerWeek: number;
  /** Mean RBC units per episode in the cohort (units_per_episode; 2 when the column is absent — DOMAIN.md, "usually 2 units per episode"). */
  readonly unitsPerVisit: number;
  /** Mean one-way travel, minutes (travel_min_one_way; 30 when absent — DOMAIN.md, Time). */
  readonly travelMinOneWay: number;
  /** Nurse hours of the typical home visit (service model: units, observation, set-up, pick-up, round trip). */
  readonly nurseHoursPerVisit: number;
  /** Typical visits one nurse's day holds (shift + overtime cap, visits per nurse). */
  readonly visitsPerNurseDay: number;
  /** Home visits a week allowed by the nurses' shifts alone, and by the home unit release alone. */
  readonly visitsPerWeekByNurseShifts: number;
  readonly visitsPerWeekByUnits: number;
  readonly bindingLimit: BindingLimit;
  readonly homeVisitsPerWeek: number;
  /** Cohort transfusion episodes a week (episodes_12m a year / weeks a year), or null when the column is absent. */
  readonly demandEpisodesPerWeek: number | null;
  /** min(1, capacity / demand), or null without demand. */
  readonly homeShareCoverable: number | null;
  /**
   * Nurse hours of two typical visits chained on one trip with the cohort's median nearest-neighbour leg
   * (scenario `routing`), or null without coordinates or a travel matrix.
   */
  readonly chainedPairHours: number | null;
  /**
   * Only with public holidays (`program.calendar`): working days they close in the year (days 0 … 364), and the
   * typical visits a year left — weeks × the week's capacity less the holidays' (the service model's figure).
   */
  readonly holidaysClosingWorkingDays?: number;
  readonly homeVisitsPerYear?: number;
}

function columnMean(table: PatientTable, name: string): number | undefined {
  const c = findColumn(table, name);
  if (!c || c.kind === 'categorical') return undefined;
  let sum = 0;
  let n = 0;
  for (const v of c.values) if (!Number.isNaN(v)) (sum += v), n++;
  return n ? sum / n : undefined;
}

/**
 * Capacity versus demand for a program and cohort. Cost: O(n) over three columns.
 * @example
 * capacityCheck(scenario.program, cohort.table).homeVisitsPerWeek; // e.g. 10
 */
export function capacityCheck(program: Scenario['program'], table: PatientTable, legs?: LegSource): CapacityCheck {
  const unitsPerVisit = columnMean(table, 'units_per_episode') ?? TYPICAL_UNITS_PER_EPISODE;
  const travelMinOneWay = columnMean(table, 'travel_min_one_way') ?? TYPICAL_TRAVEL_MIN_ONE_WAY;
  const nurseHoursPerVisit = homeVisitHours(program, unitsPerVisit, travelMinOneWay);
  const typical = { units: unitsPerVisit, travelMinOneWay };
  const pairHours = legs ? typicalPairHours(program, legs, table.ids.length, typical) : Number.NaN;
  const week = weekCapacity(program, nurseHoursPerVisit, unitsPerVisit, pairHours);
  const episodes = columnMean(table, 'episodes_12m');
  const demand = episodes === undefined ? null : (episodes * table.ids.length) / WEEKS_PER_YEAR;
  return {
    daysPerWeek: week.days.filter((d) => d.working).length,
    unitsPerVisit,
    travelMinOneWay,
    nurseHoursPerVisit,
    visitsPerNurseDay: visitsPerNurseDay(program, nurseHoursPerVisit, pairHours),
    visitsPerWeekByNurseShifts: week.days.reduce((s, d) => s + d.visitsByNurses, 0),
    visitsPerWeekByUnits: week.days.reduce((s, d) => s + (d.working ? d.visitsByUnits : 0), 0),
    bindingLimit: week.binding,
    homeVisitsPerWeek: week.homeVisitsPerWeek,
    demandEpisodesPerWeek: demand,
    homeShareCoverable: demand === null || demand === 0 ? null : Math.min(1, week.homeVisitsPerWeek / demand),
    chainedPairHours: Number.isFinite(pairHours) ? pairHours : null,
    ...holidayFigures(program, nurseHoursPerVisit, unitsPerVisit, pairHours),
  };
}

/** The yearly figures with holidays; nothing without (so the default summary is unchanged). */
type HolidayFigures = Pick<CapacityCheck, 'holidaysClosingWorkingDays' | 'homeVisitsPerYear'>;
function holidayFigures(program: Scenario['program'], visitHours: number, units: number, pairHours: number): HolidayFigures {
  const closed = closedHolidaysInYear(program).length;
  if (closed === 0) return {};
  return { holidaysClosingWorkingDays: closed, homeVisitsPerYear: homeVisitsPerYear(program, visitHours, units, pairHours) };
}

/** Two typical visits chained with the cohort's median nearest-neighbour leg (NaN when no leg is known). O(n²). */
function typicalPairHours(program: Scenario['program'], legs: LegSource, n: number, stop: ChainStop): number {
  const nearest = nearestLegMinutes(legs, n).filter((m) => Number.isFinite(m));
  return nearest.length ? chainedVisitHours(program, stop, stop, median(nearest)) : Number.NaN;
}
