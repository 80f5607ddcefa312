/**
 * Crossmatch samples and the units they reserve, in one run. A due patient's sample is drawn on a working day and
 * is ready after the crossmatch lead; a sample that would expire before it is ready is no use (src/service/timing.ts).
 * Units are crossmatched for the patient's ready day (the day they are first booked), reserved on the working day
 * before it and held for that day by the blood bank (bloodBank.ts). A patient still due whose sample will not
 * cover their next chance is sampled again, with units for the new ready day.
 *
 * Cost: O(1) per sample and reservation, O(due) per day's resampling; memory O(1) (the patients' arrays).
 */
import type { Environment } from '../engine/index.js';
import type { ProgramSettings } from '../../scenario/sections/program.js';
import type { ClinicalTiming } from '../../service/index.js';
import { crossmatchReadyDay, sampleCovers, workingDayBefore } from '../../service/index.js';
import type { BloodBank } from './bloodBank.js';
import { LAB_TIME, SERVICE_TIME } from './eventTimes.js';
import type { PatientStates } from './patients.js';
import type { RunTally } from './tally.js';
import type { SimCohort } from './types.js';

/** Ready day of a patient with no usable crossmatch sample (one is drawn on a later working day). */
export const NO_SAMPLE = 1 << 30;

export class Crossmatch {
  /** `present`: the cohort flow's 0/1 presence per patient (arrivals.ts), read when a later reservation falls due. */
  constructor(private readonly env: Environment, private readonly p: ProgramSettings,
    private readonly timing: ClinicalTiming, private readonly cohort: SimCohort,
    private readonly patients: PatientStates, private readonly stock: BloodBank, private readonly present: Uint8Array,
    private readonly tally: RunTally) {}

  /**
   * Draw patient i's sample on day d; false when it would expire before it is ready (no usable sample).
   * @example crossmatch.draw(3, 4); // true: Friday 4's sample (lead 1) is ready Monday 7, within its 72 h
   */
  draw(i: number, d: number): boolean {
    const ready = crossmatchReadyDay(this.p, this.timing, d);
    const usable = sampleCovers(this.timing, d, ready);
    this.patients.sample(i, d, usable ? ready : NO_SAMPLE);
    return usable;
  }

  /**
   * Crossmatched units for patient i's transfusion on its ready day, reserved on the working day before it — today
   * or, with a longer lead, on a later day — and held for that day (bloodBank.ts).
   * @example crossmatch.reserve(3, 4); // ready Monday 7: reserved today, Friday 4, held for day 7's service
   */
  reserve(i: number, today: number): void {
    const ready = this.patients.readyDay[i]!;
    const on = workingDayBefore(this.p, ready);
    if (on <= today) this.stock.reserve(i, this.cohort.unitsPerEpisode[i]!, ready + SERVICE_TIME);
    else this.env.at(on + LAB_TIME, this.reserveLater, i);
  }

  /** A reservation due today for a crossmatch drawn earlier, if the patient still waits on that sample. */
  private readonly reserveLater = (iArg: number): void => {
    const i = iArg | 0, pt = this.patients, ready = pt.readyDay[i]!;
    if (!this.present[i] || !pt.due[i] || ready === NO_SAMPLE) return;
    if (workingDayBefore(this.p, ready) === Math.floor(this.env.now)) this.reserve(i, Math.floor(this.env.now));
  };

  /** Whether patient i's crossmatch allows a transfusion on day d. */
  ready(i: number, d: number): boolean {
    const pt = this.patients;
    return pt.readyDay[i]! <= d && sampleCovers(this.timing, pt.sampleDay[i]!, d);
  }

  /** Day a due patient i's crossmatch is ready: its sample's, or that of a sample drawn `today` when it has none. */
  readyDayOf(i: number, today: number): number {
    const ready = this.patients.readyDay[i]!;
    return ready === NO_SAMPLE ? crossmatchReadyDay(this.p, this.timing, today) : ready;
  }

  /**
   * Redraw on day d the sample of every patient in `due` whose sample will not cover their next chance (the working
   * day `next`, or their ready day if later); each new sample holds units for its own ready day.
   */
  resample(due: readonly number[], d: number, next: number): void {
    const pt = this.patients;
    for (const i of due) {
      if (sampleCovers(this.timing, pt.sampleDay[i]!, Math.max(next, pt.readyDay[i]!))) continue;
      if (!this.draw(i, d)) continue;
      this.tally.c.crossmatchResamples++;
      this.reserve(i, d);
    }
  }
}
