/**
 * The run's events for scheduled red cell exchanges (regimen.exchange_schedule `interval` or `hbs`): each exchange
 * patient's plan (exchangeSchedule.ts) gets an event on its crossmatch sample day that makes the patient due for
 * that exchange, unless the Hb trigger made them due first or they have left. A patient's first exchange falls the
 * share of a cycle ahead that their phase gives; after each exchange the next is planned a cycle on.
 *
 * Cost: O(log events) per plan; memory O(n) (the schedule).
 */
import type { Environment } from '../engine/index.js';
import type { ProgramSettings } from '../../scenario/sections/program.js';
import { workingDayOnOrAfter } from '../../service/index.js';
import { LAB_TIME } from './eventTimes.js';
import type { ExchangeSchedule } from './exchangeSchedule.js';
import type { DueIntake } from './labSchedule.js';
import type { PatientStates } from './patients.js';

export class ExchangeEvents {
  /** `present`: the cohort flow's 0/1 presence per patient (arrivals.ts); `intake`: whom a sample day makes due. */
  constructor(private readonly env: Environment, private readonly p: ProgramSettings,
    private readonly schedule: ExchangeSchedule, private readonly patients: PatientStates,
    private readonly present: Uint8Array, private readonly intake: DueIntake) {}

  /**
   * Exchange patient i joined at time t: its first exchange falls its phase's share of an exchange cycle ahead.
   * @example exchanges.start(3, 0); // phase 0.5, 28-day cycle: exchange Monday 14, sampled Friday 11 (lead 1)
   */
  start(i: number, t: number): void {
    if (!this.patients.isExchange(i)) return;
    const cycle = this.schedule.cycleDays;
    this.plan(i, Math.floor(t + this.patients.phaseOf(i) * cycle) - cycle, Math.ceil(t));
  }

  /** Day d's clinic visits are done: each exchange given (the patient no longer due) plans the next a cycle on. */
  afterVisits(clinicToday: readonly number[], d: number): void {
    for (const i of clinicToday) if (this.patients.isExchange(i) && !this.patients.due[i]) this.plan(i, d, d + 1);
  }

  /** Plan exchange patient i's next exchange a cycle after `fromDay`, sampled no earlier than `today`. */
  private plan(i: number, fromDay: number, today: number): void {
    const sample = this.schedule.plan(i, fromDay, workingDayOnOrAfter(this.p, today));
    this.env.at(sample + LAB_TIME, this.sampleDay, i);
  }

  /** Day of patient i's next scheduled exchange (Infinity when none is planned). */
  nextDay(i: number): number {
    return this.schedule.nextDay(i);
  }

  /** A scheduled exchange's sample day: due for it, unless already due (the Hb trigger came first) or gone. */
  private readonly sampleDay = (iArg: number): void => {
    const i = iArg | 0, t = this.env.now, d = Math.floor(t);
    const day = this.schedule.dueOn(i, d);
    if (day < 0 || !this.present[i] || this.patients.due[i]) return;
    this.patients.dueForExchange(i, t, d, day);
    this.intake.enterDue(i, d);
  };
}
