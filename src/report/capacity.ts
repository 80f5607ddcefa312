/**
 * Back-of-envelope capacity check: how many home visits a week the program's staff and blood supply allow,
 * against the cohort's transfusion episodes a week. Plain arithmetic on the scenario's `program` section and
 * the cohort's columns — not the optimiser — shown in the report as the baseline the plan is read against,
 * and used as sweep metrics until the simulator's metrics exist.
 */
import { findColumn } from '../data/table.js';
import type { PatientTable } from '../data/table.js';
import type { Scenario } from '../scenario/schema.js';

export interface CapacityCheck {
  /** Working days a week (program.working_days). */
  readonly daysPerWeek: number;
  /** Mean RBC units per episode in the cohort (units_per_episode; 2 when the column is absent — DOMAIN.md, "usually 2 units per episode"). */
  readonly unitsPerVisit: number;
  /** Nurse hours per home visit: units × hours_per_unit + observation + pick-up + return travel. */
  readonly nurseHoursPerVisit: number;
  /** Home visits a day allowed by each limit, and the binding one. */
  readonly visitsPerDayByNurseHours: number;
  readonly visitsPerDayByVisitCap: number;
  readonly visitsPerDayByUnits: number;
  readonly bindingLimit: 'nurse_hours' | 'visit_cap' | 'units';
  readonly homeVisitsPerWeek: number;
  /** Cohort transfusion episodes a week (episodes_12m / 52), or null when the column is absent. */
  readonly demandEpisodesPerWeek: number | null;
  /** min(1, capacity / demand), or null without demand. */
  readonly homeShareCoverable: number | null;
}

const WEEKS_PER_YEAR = 52;
/** DOMAIN.md, Hb dynamics: "usually 2 units per episode" (pubmed 10894876). */
const DEFAULT_UNITS_PER_EPISODE = 2;

function columnMean(table: PatientTable, name: string): number | undefined {
  const c = findColumn(table, name);
  if (!c || c.kind === 'categorical') return undefined;
  let sum = 0;
  let n = 0;
  for (const v of c.values) if (!Number.isNaN(v)) (sum += v), n++;
  return n ? sum / n : undefined;
}

function columnSum(table: PatientTable, name: string): number | undefined {
  const m = columnMean(table, name);
  return m === undefined ? undefined : m * table.ids.length;
}

/**
 * Capacity versus demand for a program and cohort. Cost: O(n) over three columns.
 * @example
 * capacityCheck(scenario.program, cohort.table).homeVisitsPerWeek; // e.g. 20
 */
export function capacityCheck(program: Scenario['program'], table: PatientTable): CapacityCheck {
  const unitsPerVisit = columnMean(table, 'units_per_episode') ?? DEFAULT_UNITS_PER_EPISODE;
  const travelHours = (2 * (columnMean(table, 'travel_min_one_way') ?? 0)) / 60;
  const nurseHoursPerVisit = unitsPerVisit * program.hours_per_unit + program.observation_hours + program.pickup_hours + travelHours;
  const byHours = Math.floor(program.nurses * Math.floor(program.shift_hours / nurseHoursPerVisit));
  const byCap = program.nurses * program.max_visits_per_nurse_per_day;
  const byUnits = Math.floor(program.home_units_per_day / unitsPerVisit);
  const perDay = Math.min(byHours, byCap, byUnits);
  const binding = perDay === byUnits ? 'units' : perDay === byHours ? 'nurse_hours' : 'visit_cap';
  const daysPerWeek = new Set(program.working_days).size;
  const homeVisitsPerWeek = perDay * daysPerWeek;
  const episodes = columnSum(table, 'episodes_12m');
  const demand = episodes === undefined ? null : episodes / WEEKS_PER_YEAR;
  return {
    daysPerWeek,
    unitsPerVisit,
    nurseHoursPerVisit,
    visitsPerDayByNurseHours: byHours,
    visitsPerDayByVisitCap: byCap,
    visitsPerDayByUnits: byUnits,
    bindingLimit: binding,
    homeVisitsPerWeek,
    demandEpisodesPerWeek: demand,
    homeShareCoverable: demand === null || demand === 0 ? null : Math.min(1, homeVisitsPerWeek / demand),
  };
}
