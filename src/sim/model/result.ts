/**
 * What one replication of one policy returns: raw counters after warm-up, per-group counts for equity, the
 * whole-run unit flows and invariant checks, and (replication 0) the daily series.
 */
import type { ServiceLevelCounts } from './serviceLevel.js';

/** Counters over days ≥ warm-up. */
export interface RunCounters {
  homeTransfusions: number;
  clinicTransfusions: number;
  homeUnits: number;
  clinicUnits: number;
  chairHoursUsed: number;
  chairHoursFreed: number;
  /** Chair-hours beyond capacity (extra sessions for patients at their trigger day). */
  chairHoursOverflow: number;
  nurseHoursUsed: number;
  nurseHoursAvailable: number;
  /** Regular chair-hours of the working days (program.clinic_chairs × clinic_hours_per_day). */
  chairHoursAvailable: number;
  /** Nurse hours past the shift (program.overtime_max_hours caps them per nurse-day). */
  nurseOvertimeHours: number;
  nurseKm: number;
  patientTravelHours: number;
  patientKm: number;
  travelHoursAvoided: number;
  kmAvoided: number;
  unitsReleased: number;
  unitsReturned: number;
  unitsWasted: number;
  unitsExpired: number;
  daysBelowTrigger: number;
  daysBelowFloor: number;
  homeAdverse: number;
  clinicAdverse: number;
  hospitalTransfers: number;
  failedAccess: number;
  homeNoShows: number;
  clinicNoShows: number;
  /**
   * Patient-days below the trigger / floor while due and waiting, by why they were not yet transfused
   * (waiting.ts): the crossmatch lead time, held for a home slot, no clinic chair, rebooking after a failed
   * visit or no-show. The rest of days_below_* fell between labs (not yet found due).
   */
  belowTriggerCrossmatch: number;
  belowTriggerHomeWait: number;
  belowTriggerClinicFull: number;
  belowTriggerRebook: number;
  belowFloorCrossmatch: number;
  belowFloorHomeWait: number;
  belowFloorClinicFull: number;
  belowFloorRebook: number;
  /** Crossmatch samples drawn again because the last one would expire before the patient could be transfused. */
  crossmatchResamples: number;
  /** Home-eligible patients of a home policy sent to the clinic by the safety net (no home slot by their need day). */
  homeFallbacks: number;
  /** Units wasted on the clinic's side: expired in the bank (which holds the clinic's stock) or unusable after use. */
  unitsWastedClinic: number;
  /** O− units transfused to patients of another group (the last resort), at home / in the clinic. */
  oNegUnitsHome: number;
  oNegUnitsClinic: number;
  /** Crossmatched units returned to stock unused after the reservation time (48 h). */
  unitsReservationLapsed: number;
  /** Units ordered in an emergency because the bank had no compatible unit for a clinic patient. */
  unitsEmergency: number;
  /** Red cell exchanges (apheresis, at the clinic; also counted in clinicTransfusions). */
  exchanges: number;
  /** Apheresis chair-hours used, and beyond the apheresis capacity (extra sessions). */
  apheresisHoursUsed: number;
  apheresisHoursOverflow: number;
}

export function emptyCounters(): RunCounters {
  return {
    homeTransfusions: 0, clinicTransfusions: 0, homeUnits: 0, clinicUnits: 0, chairHoursUsed: 0, chairHoursFreed: 0, chairHoursOverflow: 0,
    nurseHoursUsed: 0, nurseHoursAvailable: 0, chairHoursAvailable: 0, nurseOvertimeHours: 0, nurseKm: 0, patientTravelHours: 0, patientKm: 0, travelHoursAvoided: 0,
    kmAvoided: 0, unitsReleased: 0, unitsReturned: 0, unitsWasted: 0, unitsExpired: 0, daysBelowTrigger: 0,
    daysBelowFloor: 0, homeAdverse: 0, clinicAdverse: 0, hospitalTransfers: 0, failedAccess: 0, homeNoShows: 0,
    clinicNoShows: 0, belowTriggerCrossmatch: 0, belowTriggerHomeWait: 0, belowTriggerClinicFull: 0, belowTriggerRebook: 0,
    belowFloorCrossmatch: 0, belowFloorHomeWait: 0, belowFloorClinicFull: 0, belowFloorRebook: 0, crossmatchResamples: 0,
    homeFallbacks: 0,
    unitsWastedClinic: 0, oNegUnitsHome: 0, oNegUnitsClinic: 0, unitsReservationLapsed: 0,
    unitsEmergency: 0,
    exchanges: 0, apheresisHoursUsed: 0, apheresisHoursOverflow: 0,
  };
}

/** Home-program unit flows over the whole run: released = transfused + returned + wasted + inStock. */
export interface UnitFlows {
  released: number;
  transfused: number;
  returned: number;
  wasted: number;
  inStock: number;
}

/**
 * The blood bank's unit flows over the whole run, per ABO/Rh group (index into BLOOD_GROUPS):
 * delivered + emergency + returned = released + expired + inStock (the bank), and
 * released = transfused + returned + wasted (units that left it, home and clinic).
 */
export interface BloodFlows {
  delivered: Float64Array;
  emergency: Float64Array;
  released: Float64Array;
  transfused: Float64Array;
  returned: Float64Array;
  /** Wasted after leaving the bank (home returns too late, units unusable after a visit). */
  wasted: Float64Array;
  /** Expired in the bank (in stock or reserved). */
  expired: Float64Array;
  /** In the bank at the end (in stock or reserved). */
  inStock: Float64Array;
  /** Units released per (donor group × 8 + patient group): the compatibility record. */
  issuedTo: Float64Array;
}

export function emptyBloodFlows(): BloodFlows {
  const g = (): Float64Array => new Float64Array(8);
  return {
    delivered: g(), emergency: g(), released: g(), transfused: g(), returned: g(), wasted: g(), expired: g(),
    inStock: g(), issuedTo: new Float64Array(64),
  };
}

/** Invariants measured during the run (tests assert them). */
export interface RunChecks {
  maxNurseHoursPerNurseDay: number;
  maxVisitsPerNurseDay: number;
  maxChairHoursDay: number;
  /** Visits to a patient already visited that day: must be 0. */
  doubleBookings: number;
  transfusionEvents: number;
  homeEvents: number;
  clinicEvents: number;
  /** Highest Hb right after a transfusion or exchange, per diagnosis (aligned with the cohort's diagnosisNames). */
  maxPostHbByDiagnosis: Float64Array;
  /** Top-ups given fewer units than usual to stay under the cap, and top-ups withheld (not even one unit fit). */
  topUpsCapped: number;
  topUpsWithheld: number;
  /** Highest HbS share right after an exchange (0 without exchanges). */
  maxHbsAfterExchange: number;
  /** Open cohort over the whole run: arrivals, departures, arrivals beyond the pre-drawn pool (not simulated). */
  arrivals: number;
  departures: number;
  arrivalsBeyondPool: number;
  /** Patient-days in the cohort over the run (÷ horizon = mean population), and patients in it at the end. */
  populationDays: number;
  populationEnd: number;
  /** Home visits booked as the second stop of a chain (routing given), whole run. */
  chainedVisits: number;
}

/** Daily series, one value per simulated day. */
export interface DaySeries {
  homeTransfusions: Float64Array;
  clinicTransfusions: Float64Array;
  nurseHours: Float64Array;
  chairHours: Float64Array;
  chairHoursOverflow: Float64Array;
  unitsReleased: Float64Array;
  unitsTransfused: Float64Array;
  unitsReturned: Float64Array;
  unitsWasted: Float64Array;
  unitsInStock: Float64Array;
  patientsDue: Float64Array;
  patientsBelowTrigger: Float64Array;
  patientsBelowFloor: Float64Array;
}

export const SERIES_COLUMNS: readonly (keyof DaySeries)[] = [
  'homeTransfusions', 'clinicTransfusions', 'nurseHours', 'chairHours', 'chairHoursOverflow', 'unitsReleased', 'unitsTransfused',
  'unitsReturned', 'unitsWasted', 'unitsInStock', 'patientsDue', 'patientsBelowTrigger', 'patientsBelowFloor',
];

export function emptySeries(days: number): DaySeries {
  const s = {} as Record<keyof DaySeries, Float64Array>;
  for (const k of SERIES_COLUMNS) s[k] = new Float64Array(days);
  return s;
}

export interface RunResult {
  readonly policy: string;
  readonly counters: RunCounters;
  /** Home / all transfusions per segment and per diagnosis (after warm-up). */
  readonly segmentHome: Float64Array;
  readonly segmentTotal: Float64Array;
  readonly diagnosisHome: Float64Array;
  readonly diagnosisTotal: Float64Array;
  readonly flows: UnitFlows;
  readonly checks: RunChecks;
  readonly series: DaySeries | undefined;
  events: number;
  /** The policy's own counters ({@link Policy.stats}), e.g. lp_rolling's re-plans and fallbacks. */
  policyStats: Readonly<Record<string, number>> | undefined;
  /** The blood bank's flows per group (whole run). */
  readonly blood: BloodFlows;
  /** Per-patient totals after the warm-up, when the run was asked to keep them (clinic_only: face validity). */
  patientTotals: PatientTotals | undefined;
  /** Service-level tallies after warm-up (set when the run finishes). */
  service: ServiceLevelCounts | undefined;
}

/** Per patient, after the warm-up: transfusions, units given and the sum of Hb just before each transfusion. */
export interface PatientTotals {
  readonly transfusions: Float64Array;
  readonly units: Float64Array;
  readonly preHbSum: Float64Array;
}

export function emptyPatientTotals(n: number): PatientTotals {
  return { transfusions: new Float64Array(n), units: new Float64Array(n), preHbSum: new Float64Array(n) };
}
