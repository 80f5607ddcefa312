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
}

export function emptyCounters(): RunCounters {
  return {
    homeTransfusions: 0, clinicTransfusions: 0, homeUnits: 0, clinicUnits: 0, chairHoursUsed: 0, chairHoursFreed: 0, chairHoursOverflow: 0,
    nurseHoursUsed: 0, nurseHoursAvailable: 0, chairHoursAvailable: 0, nurseOvertimeHours: 0, nurseKm: 0, patientTravelHours: 0, patientKm: 0, travelHoursAvoided: 0,
    kmAvoided: 0, unitsReleased: 0, unitsReturned: 0, unitsWasted: 0, unitsExpired: 0, daysBelowTrigger: 0,
    daysBelowFloor: 0, homeAdverse: 0, clinicAdverse: 0, hospitalTransfers: 0, failedAccess: 0, homeNoShows: 0,
    clinicNoShows: 0,
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
  /** Service-level tallies after warm-up (set when the run finishes). */
  service: ServiceLevelCounts | undefined;
}
