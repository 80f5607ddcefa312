/**
 * Why a due patient is not yet transfused, day by day, and the patient-days below the trigger and the floor
 * that each reason accounts for — the report's breakdown of days below the trigger, measured from the run.
 *
 * After each day's service event every patient still due is in one state:
 *   - `crossmatch`: the sample drawn by the lab that found them due is not ready yet (service timing); once
 *     ready, a sample redrawn because they kept waiting does not count here (the wait's own reason does);
 *   - `rebook`: today's visit failed (no-show, failed venous access): they wait for the next working day;
 *   - `clinic_full`: the policy asked for a clinic chair and none was left;
 *   - `home_wait`: ready, but the policy kept them for a home slot.
 * A non-working day keeps the state of the last working day (or `crossmatch` before the ready day). Days below
 * a threshold of patients not due (between labs, or still low after a transfusion) are the rest of the
 * closed-form count (tally.ts), so the reasons never exceed it.
 *
 * Cost: O(due) per day; memory O(n).
 */
import { CHECKPOINT } from './hb.js';
import type { PatientStates } from './patients.js';
import type { RunCounters } from './result.js';
import type { RunTally } from './tally.js';
import type { SimCohort } from './types.js';

export const WAIT_CROSSMATCH = 0, WAIT_HOME = 1, WAIT_CLINIC_FULL = 2, WAIT_REBOOK = 3;
/** Reason names by code (metric suffixes). */
export const WAIT_REASONS = ['crossmatch', 'home_wait', 'clinic_full', 'rebook'] as const;

/** One run's trace, for tests that compare policies patient-day by patient-day. */
export interface RunTrace {
  /** Every transfusion: patient, time, units given (the Hb line changes only here). */
  readonly transfusions: { patient: number; time: number; units: number }[];
  /** Days [from, to) at or after the warm-up with Hb below the floor at the day's checkpoint. */
  readonly floorDays: { patient: number; from: number; to: number }[];
  /** The same below the trigger. */
  readonly triggerDays: { patient: number; from: number; to: number }[];
  /** Due-and-waiting patient-days below the floor, with the reason counted. */
  readonly waitFloorDays: { patient: number; day: number; reason: number }[];
  /** Every lab: patient and day (labs happen on working days only). */
  readonly labs: { patient: number; day: number }[];
  /** Every home transfusion (whole run): patient and day. */
  readonly homeVisits: { patient: number; day: number }[];
  /** Open cohort: every arrival and departure, patient and time. */
  readonly arrivals: { patient: number; time: number }[];
  readonly departures: { patient: number; time: number }[];
}

/** An empty {@link RunTrace}. */
export const emptyTrace = (): RunTrace => ({
  transfusions: [], floorDays: [], triggerDays: [], waitFloorDays: [], labs: [], homeVisits: [], arrivals: [], departures: [],
});

export class WaitingDays {
  private readonly reason: Uint8Array;
  /** Last day the patient's visit failed / a clinic chair was refused (−1 never). */
  private readonly failedDay: Int32Array;
  private readonly refusedDay: Int32Array;
  /** 1 once the patient's crossmatch has been ready on a working day since they became due. */
  private readonly wasReady: Uint8Array;

  constructor(private readonly cohort: SimCohort, private readonly patients: PatientStates, private readonly tally: RunTally) {
    this.reason = new Uint8Array(cohort.n);
    this.failedDay = new Int32Array(cohort.n).fill(-1);
    this.refusedDay = new Int32Array(cohort.n).fill(-1);
    this.wasReady = new Uint8Array(cohort.n);
  }

  /** A lab found patient i due: a new wait starts with the crossmatch lead. */
  becameDue(i: number): void { this.wasReady[i] = 0; }

  private inLead(i: number, d: number): boolean {
    return this.wasReady[i] === 0 && d < this.patients.readyDay[i]!;
  }

  /** Patient i's visit on day d did not transfuse them (no-show or failed access). */
  failed(i: number, d: number): void { this.failedDay[i] = d; }

  /** The clinic had no chair for patient i on day d. */
  refused(i: number, d: number): void { this.refusedDay[i] = d; }

  /** Whether the clinic refused patient i a chair on day d. */
  refusedOn(i: number, d: number): boolean { return this.refusedDay[i] === d; }

  /** Set today's reason for every patient still due after a working day's visits. */
  classify(due: readonly number[], d: number): void {
    for (const i of due) {
      if (this.failedDay[i] === d) this.reason[i] = WAIT_REBOOK;
      else if (this.inLead(i, d)) this.reason[i] = WAIT_CROSSMATCH;
      else this.reason[i] = this.refusedDay[i] === d ? WAIT_CLINIC_FULL : WAIT_HOME;
      if (d >= this.patients.readyDay[i]!) this.wasReady[i] = 1;
    }
  }

  /** Count day d's checkpoint for every patient still due (any day, after its service). */
  count(due: readonly number[], d: number): void {
    const pt = this.patients, c = this.tally.c, trace = this.tally.trace, t = d + CHECKPOINT;
    for (const i of due) {
      const hb = pt.hbAt(i, t);
      if (hb >= this.cohort.triggerGdl[i]!) continue;
      const r = this.inLead(i, d) ? WAIT_CROSSMATCH : this.reason[i]!;
      const floor = hb < this.cohort.floorGdl[i]!;
      switch (r) {
        case WAIT_CROSSMATCH: c.belowTriggerCrossmatch++; if (floor) c.belowFloorCrossmatch++; break;
        case WAIT_HOME: c.belowTriggerHomeWait++; if (floor) c.belowFloorHomeWait++; break;
        case WAIT_CLINIC_FULL: c.belowTriggerClinicFull++; if (floor) c.belowFloorClinicFull++; break;
        default: c.belowTriggerRebook++; if (floor) c.belowFloorRebook++;
      }
      if (floor && trace && d >= this.tally.warmupDay) trace.waitFloorDays.push({ patient: i, day: d, reason: r });
    }
  }
}

/**
 * Metric names of the breakdown, in report order: days below the trigger and the floor by reason (the rest,
 * `between_labs`, is days below while not due), then re-drawn crossmatch samples and fallbacks to the clinic.
 */
export const WAITING_METRICS = [
  ...(['trigger', 'floor'] as const).flatMap((k) => [...WAIT_REASONS, 'between_labs'].map((r) => `days_below_${k}_${r}`)),
  'crossmatch_resamples', 'home_fallbacks',
] as const;

/** Values of {@link WAITING_METRICS} for one run's counters. O(1). */
export function waitingMetrics(c: RunCounters): number[] {
  const trig = [c.belowTriggerCrossmatch, c.belowTriggerHomeWait, c.belowTriggerClinicFull, c.belowTriggerRebook];
  const floor = [c.belowFloorCrossmatch, c.belowFloorHomeWait, c.belowFloorClinicFull, c.belowFloorRebook];
  const rest = (total: number, parts: number[]): number => total - parts.reduce((a, b) => a + b, 0);
  return [...trig, rest(c.daysBelowTrigger, trig), ...floor, rest(c.daysBelowFloor, floor), c.crossmatchResamples, c.homeFallbacks];
}
