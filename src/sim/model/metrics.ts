/**
 * Turn one run's raw counters into the named metrics the policy table reports. Ratios are NaN when their
 * denominator is 0 (then skipped by the CI).
 *
 * Cost: O(segments + diagnoses).
 */
import { quantileSorted } from '../../stats/index.js';
import type { RunResult } from './result.js';
import type { ServiceSettings, SimCohort } from './types.js';
import { WAITING_METRICS, waitingMetrics } from './waiting.js';

/** Fixed metrics, in report order; equity metrics follow (`home_share_segment:<s>`, `home_share_diagnosis:<d>`). */
export const BASE_METRICS = [
  'transfusions', 'home_transfusions', 'clinic_transfusions', 'home_share', 'chair_hours_used', 'chair_hours_overflow', 'chair_hours_freed',
  'patient_travel_hours', 'travel_hours_avoided', 'km_avoided', 'nurse_hours', 'nurse_utilisation', 'nurse_overtime_hours', 'units_released',
  'units_transfused_home', 'units_returned', 'units_wasted', 'units_expired', 'days_below_trigger', 'days_below_floor',
  'home_adverse_events', 'clinic_adverse_events', 'hospital_transfers', 'failed_access', 'no_shows', 'cost_total',
  'cost_per_transfusion', ...WAITING_METRICS, 'units_wasted_home_pct', 'units_wasted_clinic', 'units_wasted_clinic_pct', 'o_neg_units_home',
  'o_neg_home_pct', 'o_neg_units_clinic', 'o_neg_clinic_pct', 'units_reservations_lapsed', 'units_emergency',
  'exchanges', 'apheresis_hours_used', 'apheresis_hours_overflow',
  // service-level measures (issue 20; definitions in serviceLevel.ts and docs/decide.md)
  'due_to_home_days_p50', 'due_to_home_days_p90', 'eligible_served_home_share', 'unmet_home_demand',
  'nurse_paid_idle_hours', 'chair_utilisation', 'cost_per_home_transfusion', 'cost_per_clinic_transfusion',
  'home_share_segment_gap',
] as const;

/**
 * The metric name of "served at home within N days of becoming due".
 * @example
 * servedWithinName(14); // 'served_within_14d'
 */
export function servedWithinName(withinDays: number): string {
  return `served_within_${withinDays}d`;
}

/**
 * Every metric name for this cohort; `served_within_<N>d` (N = `withinDays`, the scenario's `decide.within_days`)
 * follows the fixed ones.
 */
export function metricNames(cohort: SimCohort, withinDays: number): string[] {
  return [
    ...BASE_METRICS,
    servedWithinName(withinDays),
    ...cohort.segmentNames.map((s) => `home_share_segment:${s}`),
    ...cohort.diagnosisNames.map((d) => `home_share_diagnosis:${d}`),
  ];
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);
const pct = (a: number, b: number): number => 100 * ratio(a, b);

/**
 * A run's cost by setting, the one definition cost_total and the per-setting costs share: home = units given at
 * home and wasted, nurse hours (overtime at its own rate) and nurse km; clinic = units given and wasted on the
 * clinic's side, chair-hours and apheresis chair-hours (overflow at its penalty), patient km and travel hours;
 * hospital transfers apart. O(1).
 */
function costParts(c: RunResult['counters'], k: ServiceSettings['costs']): { home: number; clinic: number; transfers: number } {
  const home = (c.homeUnits + c.unitsWasted) * k.unitCost + (c.nurseHoursUsed - c.nurseOvertimeHours) * k.nurseHourCost
    + c.nurseOvertimeHours * k.overtimeHourCost + c.nurseKm * k.nurseCostPerKm;
  const clinic = (c.clinicUnits + c.unitsWastedClinic) * k.unitCost + c.chairHoursUsed * k.chairHourCost
    + c.chairHoursOverflow * k.overflowPenaltyPerChairHour + c.patientKm * k.patientCostPerKm + c.patientTravelHours * k.patientCostPerHour
    + c.apheresisHoursUsed * k.chairHourCost + c.apheresisHoursOverflow * k.overflowPenaltyPerChairHour;
  return { home, clinic, transfers: c.hospitalTransfers * k.hospitalTransferCost };
}

/**
 * Nurse utilisation as a share: hours worked ÷ hours paid, where hours paid = the staffed shifts' regular hours +
 * the overtime worked. A nurse day's worked hours are at most its shift + its overtime, so the share is ≤ 1 by
 * construction (overtime itself is `nurse_overtime_hours`). NaN with no paid hours. O(1).
 * @example nurseUtilisation({ nurseHoursUsed: 90, nurseHoursAvailable: 100, nurseOvertimeHours: 5 }); // 90 / 105
 */
export function nurseUtilisation(
  c: Pick<RunResult['counters'], 'nurseHoursUsed' | 'nurseHoursAvailable' | 'nurseOvertimeHours'>,
): number {
  return ratio(c.nurseHoursUsed, c.nurseHoursAvailable + c.nurseOvertimeHours);
}

/** Metric values of one run, aligned with {@link metricNames}. */
export function runMetrics(r: RunResult, cohort: SimCohort, settings: ServiceSettings): Float64Array {
  const c = r.counters, k = settings.costs;
  const transfusions = c.homeTransfusions + c.clinicTransfusions;
  const parts = costParts(c, k);
  const cost = parts.home + parts.clinic + parts.transfers;
  const base = [
    transfusions, c.homeTransfusions, c.clinicTransfusions, ratio(c.homeTransfusions, transfusions), c.chairHoursUsed,
    c.chairHoursOverflow, c.chairHoursFreed, c.patientTravelHours, c.travelHoursAvoided, c.kmAvoided, c.nurseHoursUsed,
    nurseUtilisation(c), c.nurseOvertimeHours, c.unitsReleased, c.homeUnits, c.unitsReturned, c.unitsWasted,
    c.unitsExpired, c.daysBelowTrigger, c.daysBelowFloor, c.homeAdverse, c.clinicAdverse, c.hospitalTransfers,
    c.failedAccess, c.homeNoShows + c.clinicNoShows, cost, ratio(cost, transfusions), ...waitingMetrics(c),
    // wastage: wasted / (transfused + wasted) per setting; O− use: O− units to other groups / units transfused
    pct(c.unitsWasted, c.homeUnits + c.unitsWasted),
    c.unitsWastedClinic, pct(c.unitsWastedClinic, c.clinicUnits + c.unitsWastedClinic),
    c.oNegUnitsHome, pct(c.oNegUnitsHome, c.homeUnits), c.oNegUnitsClinic, pct(c.oNegUnitsClinic, c.clinicUnits),
    c.unitsReservationLapsed, c.unitsEmergency, c.exchanges, c.apheresisHoursUsed,
    c.apheresisHoursOverflow,
    ...serviceLevel(r, cohort, settings),
  ];
  const out = new Float64Array(base.length + cohort.segmentNames.length + cohort.diagnosisNames.length);
  out.set(base);
  let j = base.length;
  for (let s = 0; s < cohort.segmentNames.length; s++) out[j++] = ratio(r.segmentHome[s]!, r.segmentTotal[s]!);
  for (let d = 0; d < cohort.diagnosisNames.length; d++) out[j++] = ratio(r.diagnosisHome[d]!, r.diagnosisTotal[d]!);
  return out;
}

/**
 * The service-level measures of one run, in BASE_METRICS order, then served within N days. Costs by setting:
 * home = units given at home and wasted, nurse hours (overtime at its own rate) and nurse km; clinic = units given
 * and wasted on the clinic's side, chair-hours and apheresis chair-hours (overflow at its penalty), patient km and
 * travel hours. Hospital transfers are in neither (they
 * stay in cost_total). O(home transfusions · log + segments).
 */
function serviceLevel(r: RunResult, cohort: SimCohort, settings: ServiceSettings): number[] {
  const c = r.counters, k = settings.costs, sv = r.service;
  if (!sv) throw new Error(`runMetrics: run of ${r.policy} has no service-level tallies`);
  const delays = Float64Array.from(sv.homeDelays).sort();
  const { home: homeCost, clinic: clinicCost } = costParts(c, k);
  const shares: number[] = [];
  for (let s = 0; s < cohort.segmentNames.length; s++) if (r.segmentTotal[s]! > 0) shares.push(r.segmentHome[s]! / r.segmentTotal[s]!);
  return [
    quantileSorted(delays, 0.5), quantileSorted(delays, 0.9), ratio(sv.eligiblePatientsServedHome, sv.eligiblePatientsPresent), sv.unmetHome,
    c.nurseHoursAvailable - (c.nurseHoursUsed - c.nurseOvertimeHours), ratio(c.chairHoursUsed, c.chairHoursAvailable),
    ratio(homeCost, c.homeTransfusions), ratio(clinicCost, c.clinicTransfusions),
    shares.length >= 2 ? Math.max(...shares) - Math.min(...shares) : Number.NaN,
    ratio(sv.servedWithin, sv.eligibleEpisodes),
  ];
}
