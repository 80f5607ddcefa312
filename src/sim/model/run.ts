/**
 * One replication of the transfusion service under one policy, on the event engine.
 *
 * Events: a lab per patient every `lab_interval_days` (t = d + 0.25) and one service event per day
 * (t = d + 0.5): expire stock, top up the home fridge, let the policy book home visits and clinic chairs, send
 * patients at their trigger to the clinic (safety net), then carry out the visits with drawn outcomes. Hb is
 * piecewise linear between transfusions (patients.ts, hb.ts), so days below trigger and floor are exact.
 * The parts live apart: patients' Hb and labs (patients.ts), the day's bookings (bookings.ts), the home blood
 * bank (bloodBank.ts), visit outcomes (visits.ts), scheduled exchanges (exchangeSchedule.ts), and what is
 * counted from the warm-up on (tally.ts).
 *
 * Cost: O(n·H/lab_interval · log n + Σ_days due·log due) per run; memory O(n + H).
 */
import { Environment } from '../engine/index.js';
import {
  chainRule, crossmatchReadyDay, exchangeCycleDays, homeUnitsOnDay, isWorkingDay, sampleCovers, workingDayBefore,
  workingDayOnOrAfter, workingDaysAfter,
} from '../../service/index.js';
import type { DayContext, Policy, PolicyFactory } from '../policies/types.js';
import { BloodBank } from './bloodBank.js';
import { DayBookings } from './bookings.js';
import { visitHoursOf } from './cohort.js';
import { ExchangeSchedule } from './exchangeSchedule.js';
import { PatientStates } from './patients.js';
import { CohortFlow } from './arrivals.js';
import type { RunRandom } from './random.js';
import type { RunResult } from './result.js';
import { RunTally } from './tally.js';
import type { ServiceSettings, SimCohort } from './types.js';
import { VisitOutcomes } from './visits.js';
import type { RunTrace } from './waiting.js';
import { WaitingDays } from './waiting.js';

const LAB_TIME = 0.25;
const SERVICE_TIME = 0.5;
/** Policies' `beforeDay` runs after the day's labs, before its service event. */
const BEFORE_SERVICE = 0.45;
/** Ready day of a patient with no usable crossmatch sample (one is drawn on a later working day). */
const NO_SAMPLE = 1 << 30;

/** What one run needs. */
export interface RunOptions {
  readonly cohort: SimCohort;
  readonly settings: ServiceSettings;
  readonly factory: PolicyFactory;
  readonly random: RunRandom;
  readonly policyName: string;
  /** Keep replication 0's daily series (default false). */
  readonly timeseries?: boolean;
  /** Record transfusions and days below the floor patient by patient (tests). */
  readonly trace?: RunTrace;
  /** Keep per-patient totals after the warm-up (default false; the face-validity check uses clinic_only's). */
  readonly patientTotals?: boolean;
}

/**
 * Simulate one replication of one policy.
 * @example const r = await simulateRun({ cohort, settings, factory: policyFactory('clinic_only'), random: runRandom(streams(1), 0, false), policyName: 'clinic_only' });
 */
export async function simulateRun(o: RunOptions): Promise<RunResult> {
  return new ServiceRun(o).run();
}

class ServiceRun {
  private readonly env = new Environment(4096);
  private readonly cohort: SimCohort;
  private readonly s: ServiceSettings['sim'];
  private readonly p: ServiceSettings['program'];
  private readonly visitHours: Float64Array;
  private readonly policy: Policy;
  private readonly tally: RunTally;
  /** @internal read by {@link RunDayContext} */
  readonly patients: PatientStates;
  private readonly book: DayBookings;
  private readonly stock: BloodBank;
  private readonly visits: VisitOutcomes;
  private readonly waiting: WaitingDays;
  /** Nominal day of each patient's next lab (the lab itself happens on the working day on or after it). */
  private readonly labNominal: Int32Array;
  private readonly timing: ServiceSettings['timing'];
  private readonly flow: CohortFlow;
  /** Scheduled exchanges (regimen.exchange_schedule interval / hbs); null when exchanges follow the Hb trigger. */
  private readonly exchanges: ExchangeSchedule | null;
  dueList: number[] = [];
  day = 0;

  constructor(o: RunOptions) {
    const { cohort, settings, random } = o;
    this.cohort = cohort;
    this.s = settings.sim;
    this.p = settings.program;
    this.visitHours = visitHoursOf(cohort, settings.program);
    this.policy = o.factory({ cohort, settings, rng: random.policy(o.policyName), visitHours: this.visitHours });
    this.tally = new RunTally(cohort, o.policyName, this.s.horizon_days, this.s.warmup_days, o.timeseries ?? false, settings.withinDays, o.trace,
      o.patientTotals ?? false);
    this.patients = new PatientStates(cohort, this.s, random, this.tally, settings.regimen);
    const legs = cohort.legs;
    const chain = legs ? chainRule(this.p, legs, cohort) : undefined;
    this.book = new DayBookings(this.p, this.tally, cohort.n, settings.regimen, chain);
    this.stock = new BloodBank(cohort, this.s, settings.blood, random, this.tally);
    this.visits = new VisitOutcomes(cohort, this.s, this.p, random, this.tally, this.patients, this.stock, chain);
    this.waiting = new WaitingDays(cohort, this.patients, this.tally);
    this.labNominal = new Int32Array(cohort.n);
    this.timing = settings.timing;
    this.flow = new CohortFlow(cohort, random, this.s.horizon_days);
    const cycle = settings.regimen && cohort.exchange ? exchangeCycleDays(settings.regimen) : null;
    this.exchanges = cycle === null ? null : new ExchangeSchedule(this.p, this.timing, cycle, cohort.n);
  }

  async run(): Promise<RunResult> {
    const H = this.s.horizon_days, n = this.cohort.n;
    const first = this.flow.first;
    for (let i = 0; i < first; i++) this.startLabs(i, 0);
    if (first < n || this.cohort.departurePerDay) this.scheduleCohortFlow(first);
    for (let d = 0; d < H; d++) this.env.at(d + SERVICE_TIME, this.serviceDay, d);
    if (this.s.warmup_days > 0 && this.s.warmup_days < H) this.env.at(this.s.warmup_days, this.tally.endWarmup, 0);
    const before = this.policy.beforeDay?.bind(this.policy);
    if (before) {
      // step day by day so the policy can work (and await) between the day's labs and its bookings
      for (let d = 0; d < H; d++) {
        this.env.run(d + BEFORE_SERVICE);
        if (!this.working(d)) continue;
        this.day = d;
        const pending = before(this.context);
        if (pending) await pending;
      }
    }
    this.env.run(H);
    if (this.s.warmup_days >= H) this.tally.endWarmup(); // the whole run was warm-up: nothing counts
    for (let i = 0; i < n; i++) if (this.flow.present[i]) this.patients.closeSegment(i, H);
    this.stock.finish();
    // home units never stay out overnight
    this.tally.finish(this.env.eventsProcessed, 0, this.flow.presentAfter(this.s.warmup_days));
    this.flow.finish(this.tally.r.checks);
    this.tally.r.policyStats = this.policy.stats?.();
    return this.tally.r;
  }

  /** Labs happen on working days: a lab due on a non-working day moves to the next working day. */
  private labDay(nominal: number): number {
    return workingDayOnOrAfter(this.p, nominal);
  }

  /**
   * Patient i joins at time t (0 or an arrival): a random phase of its cycle, labs on working days; a scheduled
   * exchange patient's first exchange falls the same share of an exchange cycle ahead.
   */
  private startLabs(i: number, t: number): void {
    this.labNominal[i] = this.patients.start(i, t);
    this.env.at(this.labDay(this.labNominal[i]!) + LAB_TIME, this.lab, i);
    const ex = this.exchanges;
    if (ex && this.patients.isExchange(i)) this.planExchange(i, Math.floor(t + this.patients.phaseOf(i) * ex.cycleDays) - ex.cycleDays, Math.ceil(t));
  }

  /** Open cohort: departures of the day-0 patients, and arrivals (each with their own departure). */
  private scheduleCohortFlow(first: number): void {
    const H = this.s.horizon_days;
    for (let i = 0; i < first; i++) {
      const t = this.flow.departureTime(i, 0);
      if (t < H) this.env.at(t, this.leave, i);
    }
    this.flow.forEachArrival((i, t) => this.env.at(t, this.arrive, i));
  }

  private readonly arrive = (iArg: number): void => {
    const i = iArg | 0, t = this.env.now;
    this.flow.enter(i, t);
    this.tally.trace?.arrivals.push({ patient: i, time: t });
    this.policy.arrive?.(i, t);
    this.startLabs(i, t);
    const leaveAt = this.flow.departureTime(i, t);
    if (leaveAt < this.s.horizon_days) this.env.at(leaveAt, this.leave, i);
  };

  private readonly leave = (iArg: number): void => {
    const i = iArg | 0;
    this.patients.leave(i, this.env.now);
    this.flow.leave(i, this.env.now);
    this.tally.trace?.departures.push({ patient: i, time: this.env.now });
    this.policy.leave?.(i, this.env.now);
    const k = this.dueList.indexOf(i);
    if (k >= 0) this.dueList.splice(k, 1);
  };

  private readonly lab = (iArg: number): void => {
    const i = iArg | 0;
    if (!this.flow.present[i]) return; // left the cohort: no more labs
    const t = this.env.now, d = Math.floor(t), step = this.s.lab_interval_days;
    let nominal = this.labNominal[i]! + step;
    while (this.labDay(nominal) <= d) nominal += step;
    this.labNominal[i] = nominal;
    this.tally.trace?.labs.push({ patient: i, day: d });
    const next = this.labDay(nominal);
    // due when the Hb would reach the trigger before a transfusion after the next lab could happen
    if (this.patients.lab(i, t, d, crossmatchReadyDay(this.p, this.timing, next))) this.enterDue(i, d);
    this.env.at(next + LAB_TIME, this.lab, i);
  };

  /** Patient i became due on day d: the crossmatch sample is drawn, units reserved, the wait begins. */
  private enterDue(i: number, d: number): void {
    if (this.drawSample(i, d)) this.reserveUnits(i, d); // units crossmatched for the ready day (reserveUnits)
    this.waiting.becameDue(i);
    this.tally.service.due(i, d, this.homeAllowed(i));
    this.dueList.push(i);
  }

  /** Plan exchange patient i's next scheduled exchange a cycle after `fromDay`, sampled no earlier than `today`. */
  private planExchange(i: number, fromDay: number, today: number): void {
    const sample = this.exchanges!.plan(i, fromDay, workingDayOnOrAfter(this.p, today));
    this.env.at(sample + LAB_TIME, this.exchangeDue, i);
  }

  /** A scheduled exchange's sample day: due for it, unless already due (the Hb trigger came first) or gone. */
  private readonly exchangeDue = (iArg: number): void => {
    const i = iArg | 0, t = this.env.now, d = Math.floor(t);
    const day = this.exchanges!.dueOn(i, d);
    if (day < 0 || !this.flow.present[i] || this.patients.due[i]) return;
    this.patients.dueForExchange(i, t, d, day);
    this.enterDue(i, d);
  };

  /** The crossmatch sample is drawn on day d; a sample that would expire before it is ready is no use. */
  private drawSample(i: number, d: number): boolean {
    const ready = crossmatchReadyDay(this.p, this.timing, d);
    const usable = sampleCovers(this.timing, d, ready);
    this.patients.sample(i, d, usable ? ready : NO_SAMPLE);
    return usable;
  }

  /**
   * Crossmatched units for patient i's transfusion on its ready day (the day it is first booked), reserved on the
   * working day before it — today or, with a longer lead, on a later day — and held for that day (bloodBank.ts).
   */
  private reserveUnits(i: number, today: number): void {
    const ready = this.patients.readyDay[i]!;
    const on = workingDayBefore(this.p, ready);
    if (on <= today) this.stock.reserve(i, this.cohort.unitsPerEpisode[i]!, ready + SERVICE_TIME);
    else this.env.at(on + LAB_TIME, this.reserveLater, i);
  }

  /** A reservation due today for a crossmatch drawn earlier, if the patient still waits on that sample. */
  private readonly reserveLater = (iArg: number): void => {
    const i = iArg | 0, pt = this.patients, ready = pt.readyDay[i]!;
    if (!this.flow.present[i] || !pt.due[i] || ready === NO_SAMPLE) return;
    if (workingDayBefore(this.p, ready) === Math.floor(this.env.now)) this.reserveUnits(i, Math.floor(this.env.now));
  };

  /** Whether patient i's crossmatch allows a transfusion on day d. */
  private ready(i: number, d: number): boolean {
    const pt = this.patients;
    return pt.readyDay[i]! <= d && sampleCovers(this.timing, pt.sampleDay[i]!, d);
  }

  /** First day patient i could be transfused: its ready day when due, else the one after its next lab. */
  earliestDay(i: number): number {
    const pt = this.patients;
    if (pt.due[i]) return pt.readyDay[i] === NO_SAMPLE ? crossmatchReadyDay(this.p, this.timing, this.day) : pt.readyDay[i]!;
    return crossmatchReadyDay(this.p, this.timing, this.labDay(this.labNominal[i]!));
  }

  /** The service calendar (src/service/timing.ts; day 0 is a Monday). */
  private nextWorkingDay(d: number): number {
    return workingDaysAfter(this.p, d, 1);
  }

  private working(d: number): boolean {
    return isWorkingDay(this.p, d);
  }

  private readonly serviceDay = (dArg: number): void => {
    const d = dArg | 0;
    this.day = d;
    const t = this.env.now;
    this.stock.restock(t);
    if (this.working(d)) this.workingDay(d, t);
    this.waiting.count(this.dueList, d);
    this.tally.series('unitsInStock', d, this.stock.count);
    this.tally.series('patientsDue', d, this.dueList.length);
  };

  private workingDay(d: number, t: number): void {
    const book = this.book, patients = this.patients;
    book.open(d);
    this.stock.openDay(homeUnitsOnDay(this.p, d));
    this.policy.plan(this.context);
    // safety net: whoever would reach the trigger before the next service day goes to the clinic today
    const next = this.nextWorkingDay(d);
    // and whoever has waited `max_home_wait_days` (from their crossmatch ready day) for a home slot is offered a
    // regular clinic chair; for a home policy's eligible patient either is a fallback to the clinic
    const homePolicy = this.policy.usesHome !== false;
    for (const i of this.dueList) {
      if (book.bookedOn(i, d) || !this.ready(i, d)) continue;
      const waited = d - Math.max(patients.dueDay[i]!, patients.readyDay[i]!);
      const held = homePolicy && this.homeAllowed(i) && !this.waiting.refusedOn(i, d); // kept for a home slot
      let booked = false;
      if (patients.needByDay[i]! < next) booked = this.bookClinic(i, true);
      else if (waited >= this.s.max_home_wait_days) booked = this.bookClinic(i, false);
      if (booked && held) this.tally.c.homeFallbacks++;
    }
    this.dueList = this.dueList.filter((i) => !book.bookedOn(i, d));
    for (const i of book.homeToday) { book.markVisit(i, d); this.visits.home(i, d, t, book.chainOf(i)); }
    for (const i of book.clinicToday) { book.markVisit(i, d); this.visits.clinic(i, d, t); }
    // an exchange given: the next one is planned a cycle on (scheduled exchanges)
    if (this.exchanges) for (const i of book.clinicToday) if (patients.isExchange(i) && !patients.due[i]) this.planExchange(i, d, d + 1);
    // no-shows and failed visits stay due: back on the list, rebooked from the next working day
    for (const i of book.homeToday) if (patients.due[i]) { this.dueList.push(i); this.waiting.failed(i, d); }
    for (const i of book.clinicToday) if (patients.due[i]) { this.dueList.push(i); this.waiting.failed(i, d); }
    this.waiting.classify(this.dueList, d);
    this.resample(d, next);
    book.close(d);
  }

  /** Redraw the crossmatch sample of whoever is still due and whose sample will not cover their next chance. */
  private resample(d: number, next: number): void {
    const pt = this.patients;
    for (const i of this.dueList) {
      if (sampleCovers(this.timing, pt.sampleDay[i]!, Math.max(next, pt.readyDay[i]!))) continue;
      if (!this.drawSample(i, d)) continue;
      this.tally.c.crossmatchResamples++;
      this.reserveUnits(i, d); // a new crossmatch holds units for its own ready day
    }
  }

  private canBook(i: number): boolean {
    return this.patients.due[i] === 1 && !this.book.bookedOn(i, this.day) && this.ready(i, this.day);
  }

  bookHome(i: number): boolean {
    if (!this.canBook(i) || !this.homeAllowed(i)) return false;
    const h = this.visitHours[i]!;
    const units = this.patients.unitsFor(i, this.day + SERVICE_TIME);
    if (units === 0 || !this.book.nurseFree(h, i) || !this.stock.canSupplyHome(i, units)) return false;
    this.stock.issue(i, units, this.day + SERVICE_TIME, true);
    return this.book.home(i, this.day, h);
  }

  bookClinic(i: number, overflow = false): boolean {
    if (!this.canBook(i)) return false;
    const booked = this.patients.isExchange(i)
      ? this.book.exchange(i, this.day, overflow)
      : this.book.clinic(i, this.day, this.cohort.unitsPerEpisode[i]!, overflow);
    if (!booked) this.waiting.refused(i, this.day);
    return booked;
  }

  homeAllowed(i: number): boolean {
    return this.cohort.eligible[i] === 1 && this.visits.withdrawn[i] === 0 && !this.patients.isExchange(i) && this.flow.present[i] === 1;
  }

  private readonly context: DayContext = new RunDayContext(this);
}

/**
 * What policies see of a run. Prototype methods, not per-run closures: every run hands policies the same
 * functions, so the JIT's optimised policy code stays valid from one run to the next instead of being thrown
 * away (and recompiled) whenever a finished run's closures are collected.
 */
class RunDayContext implements DayContext {
  constructor(private readonly run: ServiceRun) {}
  get day(): number { return this.run.day; }
  get due(): readonly number[] { return this.run.dueList; }
  waitingDays(i: number): number { return this.run.day - this.run.patients.dueDay[i]!; }
  needBy(i: number): number { return this.run.patients.needByDay[i]!; }
  homeAllowed(i: number): boolean { return this.run.homeAllowed(i); }
  home(i: number): boolean { return this.run.bookHome(i); }
  clinic(i: number): boolean { return this.run.bookClinic(i); }
  lastLabDay(i: number): number { return this.run.patients.labDay[i]!; }
  lastLabHb(i: number): number { return this.run.patients.labHb[i]!; }
  earliestDay(i: number): number { return this.run.earliestDay(i); }
}
