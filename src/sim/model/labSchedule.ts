/**
 * Each patient's labs in one run: one every `lab_interval_days` of nominal time from the day they join, each held
 * on the working day on or after its nominal day (src/service calendar), at the day's lab time. A lab that finds
 * the patient due (patients.ts) hands them to the run; a patient who has left the cohort has no more labs.
 *
 * Cost: O(log events) per lab; memory O(n).
 */
import type { Environment } from '../engine/index.js';
import type { ProgramSettings } from '../../scenario/sections/program.js';
import type { ClinicalTiming } from '../../service/index.js';
import { crossmatchReadyDay, workingDayOnOrAfter } from '../../service/index.js';
import { LAB_TIME } from './eventTimes.js';
import type { PatientStates } from './patients.js';
import type { RunTally } from './tally.js';

/** Where labs and scheduled exchanges send a patient who became due on day d (the run: sample, units, due list). */
export interface DueIntake {
  enterDue(i: number, d: number): void;
  /** Day of patient i's next scheduled exchange (Infinity: none), which a lab's trigger rule defers to. */
  scheduledExchangeDay(i: number): number;
}

export class LabSchedule {
  /** Nominal day of each patient's next lab (the lab itself happens on the working day on or after it). */
  private readonly nominal: Int32Array;

  /** `present`: the cohort flow's 0/1 presence per patient (arrivals.ts); `intake` takes whom a lab finds due. */
  constructor(private readonly env: Environment, private readonly p: ProgramSettings,
    private readonly timing: ClinicalTiming, private readonly intervalDays: number,
    private readonly patients: PatientStates, private readonly present: Uint8Array, private readonly tally: RunTally,
    private readonly intake: DueIntake) {
    this.nominal = new Int32Array(present.length);
  }

  /**
   * Patient i joins at time t (0 or an arrival): a random phase of its cycle (patients.ts) and its first lab.
   * @example labs.start(3, 0); // lab offset 5 drawn (a Saturday): first lab Monday 7 at t = 7.25
   */
  start(i: number, t: number): void {
    this.nominal[i] = this.patients.start(i, t);
    this.env.at(this.labDay(this.nominal[i]!) + LAB_TIME, this.lab, i);
  }

  /** First day patient i could be transfused should its next lab find it due (that lab's crossmatch ready day). */
  readyAfterNextLab(i: number): number {
    return crossmatchReadyDay(this.p, this.timing, this.labDay(this.nominal[i]!));
  }

  /** Labs happen on working days: a lab due on a non-working day moves to the next working day. */
  private labDay(nominal: number): number {
    return workingDayOnOrAfter(this.p, nominal);
  }

  private readonly lab = (iArg: number): void => {
    const i = iArg | 0;
    if (!this.present[i]) return; // left the cohort: no more labs
    const t = this.env.now, d = Math.floor(t), step = this.intervalDays;
    let nominal = this.nominal[i]! + step;
    while (this.labDay(nominal) <= d) nominal += step;
    this.nominal[i] = nominal;
    this.tally.trace?.labs.push({ patient: i, day: d });
    const next = this.labDay(nominal);
    // due when the Hb would reach the trigger before a transfusion after the next lab could happen
    if (this.patients.lab(i, t, d, crossmatchReadyDay(this.p, this.timing, next), this.intake.scheduledExchangeDay(i))) this.intake.enterDue(i, d);
    this.env.at(next + LAB_TIME, this.lab, i);
  };
}
