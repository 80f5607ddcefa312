/**
 * Scheduled red cell exchanges in one run (regimen.exchange_schedule `interval` or `hbs`, src/service/regimen.ts):
 * each exchange patient's next exchange day — the cycle after their last exchange, brought forward to a working
 * day — and the day its crossmatch sample is drawn (the crossmatch lead before it, src/service/timing.ts). The
 * run fires an event on the sample day that makes the patient due for that day; an event whose plan has since
 * changed (an earlier exchange on the Hb trigger) finds a different sample day and does nothing.
 *
 * Cost: O(1) per plan and per event; memory O(n).
 */
import type { ProgramSettings } from '../../scenario/sections/program.js';
import type { ClinicalTiming } from '../../service/index.js';
import { sampleDayFor, scheduledExchangeDay } from '../../service/index.js';

export class ExchangeSchedule {
  /** Day of each patient's next scheduled exchange, and of its crossmatch sample (−1: none planned). */
  private readonly exchangeOn: Int32Array;
  private readonly sampleOn: Int32Array;

  constructor(private readonly p: ProgramSettings, private readonly timing: ClinicalTiming, readonly cycleDays: number, n: number) {
    if (!(cycleDays >= 1)) throw new Error(`ExchangeSchedule: cycle must be ≥ 1 day, got ${cycleDays}`);
    this.exchangeOn = new Int32Array(n).fill(-1);
    this.sampleOn = new Int32Array(n).fill(-1);
  }

  /**
   * Plan patient i's next exchange a cycle after `fromDay`; its sample is drawn the crossmatch lead before it, but
   * not before `earliestSampleDay` (a working day: today's or the next). Returns the sample day.
   * @example schedule.plan(3, 0, 1); // 24 with a 27-day cycle: Sunday 27 → Friday 25, crossmatched Thursday 24 (lead 1)
   */
  plan(i: number, fromDay: number, earliestSampleDay: number): number {
    const day = scheduledExchangeDay(this.p, fromDay, this.cycleDays);
    const sample = Math.max(earliestSampleDay, sampleDayFor(this.p, this.timing, day));
    this.exchangeOn[i] = day;
    this.sampleOn[i] = sample;
    return sample;
  }

  /** Day of patient i's next scheduled exchange (Infinity when none is planned). */
  nextDay(i: number): number {
    return this.exchangeOn[i]! >= 0 ? this.exchangeOn[i]! : Infinity;
  }

  /** The exchange day patient i's sample drawn on day d is for, or −1 when no plan has its sample today. */
  dueOn(i: number, d: number): number {
    return this.sampleOn[i] === d ? this.exchangeOn[i]! : -1;
  }
}
