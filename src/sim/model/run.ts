/**
 * One replication of the transfusion service under one policy, on the event engine.
 *
 * Events (eventTimes.ts): a lab per patient every `lab_interval_days` (t = d + 0.25) and one service event per
 * day (t = d + 0.5): expire stock, top up the home fridge, let the policy book home visits and clinic chairs, send
 * patients at their trigger to the clinic (safety net), then carry out the visits with drawn outcomes. Hb is
 * piecewise linear between transfusions (patients.ts, hb.ts), so days below trigger and floor are exact.
 * This file orders the events, brings patients in and out of an open cohort and admits whoever becomes due; the
 * parts live apart: patients' Hb (patients.ts), their labs (labSchedule.ts), crossmatch samples and unit
 * reservations (crossmatch.ts), the day's booking pass and safety net (bookingPass.ts) over its slots
 * (bookings.ts), the home blood bank (bloodBank.ts), visit outcomes (visits.ts), scheduled exchanges
 * (exchangeEvents.ts, exchangeSchedule.ts), and what is counted from the warm-up on (tally.ts).
 *
 * Cost: O(n·H/lab_interval · log n + Σ_days due·log due) per run; memory O(n + H).
 */
import { Environment } from '../engine/index.js';
import { chainRule, exchangeCycleDays, isWorkingDay } from '../../service/index.js';
import type { DayContext, Policy, PolicyFactory } from '../policies/types.js';
import { BloodBank } from './bloodBank.js';
import { BookingPass } from './bookingPass.js';
import { DayBookings } from './bookings.js';
import { visitHoursOf } from './cohort.js';
import { Crossmatch } from './crossmatch.js';
import { BEFORE_SERVICE, SERVICE_TIME } from './eventTimes.js';
import { ExchangeEvents } from './exchangeEvents.js';
import { ExchangeSchedule } from './exchangeSchedule.js';
import type { DueIntake } from './labSchedule.js';
import { LabSchedule } from './labSchedule.js';
import { PatientStates } from './patients.js';
import { CohortFlow } from './arrivals.js';
import type { RunRandom } from './random.js';
import type { RunResult } from './result.js';
import { RunTally } from './tally.js';
import type { ServiceSettings, SimCohort } from './types.js';
import { VisitOutcomes } from './visits.js';
import type { RunTrace } from './waiting.js';
import { WaitingDays } from './waiting.js';

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
 * @example const r = await simulateRun({ cohort, settings, factory: policyFactory('clinic_only'),
 *   random: runRandom(streams(1), 0, false), policyName: 'clinic_only' });
 */
export async function simulateRun(o: RunOptions): Promise<RunResult> {
  return new ServiceRun(o).run();
}

class ServiceRun implements DueIntake {
  private readonly env = new Environment(4096);
  private readonly cohort: SimCohort;
  private readonly s: ServiceSettings['sim'];
  private readonly p: ServiceSettings['program'];
  private readonly policy: Policy;
  private readonly tally: RunTally;
  /** @internal read by {@link RunDayContext} */
  readonly patients: PatientStates;
  private readonly stock: BloodBank;
  private readonly waiting: WaitingDays;
  private readonly flow: CohortFlow;
  private readonly crossmatch: Crossmatch;
  private readonly labs: LabSchedule;
  /** Scheduled exchanges (regimen.exchange_schedule interval / hbs); null when exchanges follow the Hb trigger. */
  private readonly exchanges: ExchangeEvents | null;
  /** @internal read by {@link RunDayContext} */
  readonly pass: BookingPass;

  constructor(o: RunOptions) {
    const { cohort, settings, random } = o;
    const env = this.env, p = settings.program, timing = settings.timing;
    this.cohort = cohort;
    this.s = settings.sim;
    this.p = p;
    const visitHours = visitHoursOf(cohort, p);
    this.policy = o.factory({ cohort, settings, rng: random.policy(o.policyName), visitHours });
    this.tally = new RunTally(cohort, o.policyName, this.s.horizon_days, this.s.warmup_days, o.timeseries ?? false,
      settings.withinDays, o.trace, o.patientTotals ?? false);
    const patients = this.patients = new PatientStates(cohort, this.s, random, this.tally, settings.regimen);
    const chain = cohort.legs ? chainRule(p, cohort.legs, cohort) : undefined;
    const book = new DayBookings(p, this.tally, cohort.n, settings.regimen, chain);
    this.stock = new BloodBank(cohort, this.s, settings.blood, random, this.tally);
    const visits = new VisitOutcomes(cohort, this.s, p, random, this.tally, patients, this.stock, chain);
    this.waiting = new WaitingDays(cohort, patients, this.tally);
    this.flow = new CohortFlow(cohort, random, this.s.horizon_days);
    const present = this.flow.present;
    this.crossmatch = new Crossmatch(env, p, timing, cohort, patients, this.stock, present, this.tally);
    this.labs = new LabSchedule(env, p, timing, this.s.lab_interval_days, patients, present, this.tally, this);
    const cycle = settings.regimen && cohort.exchange ? exchangeCycleDays(settings.regimen) : null;
    this.exchanges = cycle === null ? null
      : new ExchangeEvents(env, p, new ExchangeSchedule(p, timing, cycle, cohort.n), patients, present, this);
    this.pass = new BookingPass({
      program: p, sim: this.s, cohort, visitHours, policy: this.policy, book, stock: this.stock, patients, visits,
      waiting: this.waiting, tally: this.tally, crossmatch: this.crossmatch, exchanges: this.exchanges, present,
    });
  }

  async run(): Promise<RunResult> {
    const H = this.s.horizon_days, n = this.cohort.n;
    const first = this.flow.first;
    for (let i = 0; i < first; i++) this.join(i, 0);
    if (first < n || this.cohort.departurePerDay) this.scheduleCohortFlow(first);
    for (let d = 0; d < H; d++) this.env.at(d + SERVICE_TIME, this.serviceDay, d);
    if (this.s.warmup_days > 0 && this.s.warmup_days < H) this.env.at(this.s.warmup_days, this.tally.endWarmup, 0);
    const before = this.policy.beforeDay?.bind(this.policy);
    if (before) {
      // step day by day so the policy can work (and await) between the day's labs and its bookings
      for (let d = 0; d < H; d++) {
        this.env.run(d + BEFORE_SERVICE);
        if (!this.working(d)) continue;
        this.pass.day = d;
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

  /** Patient i joins at time t (0 or an arrival): its labs start, and a scheduled exchange patient's plan. */
  private join(i: number, t: number): void {
    this.labs.start(i, t);
    this.exchanges?.start(i, t);
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
    this.join(i, t);
    const leaveAt = this.flow.departureTime(i, t);
    if (leaveAt < this.s.horizon_days) this.env.at(leaveAt, this.leave, i);
  };

  private readonly leave = (iArg: number): void => {
    const i = iArg | 0;
    this.patients.leave(i, this.env.now);
    this.flow.leave(i, this.env.now);
    this.tally.trace?.departures.push({ patient: i, time: this.env.now });
    this.policy.leave?.(i, this.env.now);
    const due = this.pass.due, k = due.indexOf(i);
    if (k >= 0) due.splice(k, 1);
  };

  scheduledExchangeDay(i: number): number {
    return this.exchanges ? this.exchanges.nextDay(i) : Infinity;
  }

  /** Patient i became due on day d: the crossmatch sample is drawn, units reserved, the wait begins. */
  enterDue(i: number, d: number): void {
    if (this.crossmatch.draw(i, d)) this.crossmatch.reserve(i, d); // units crossmatched for the ready day
    this.waiting.becameDue(i);
    this.tally.service.due(i, d, this.pass.homeAllowed(i));
    this.pass.due.push(i);
  }

  /** First day patient i could be transfused: its ready day when due, else the one after its next lab. */
  earliestDay(i: number): number {
    if (this.patients.due[i]) return this.crossmatch.readyDayOf(i, this.pass.day);
    return this.labs.readyAfterNextLab(i);
  }

  /** The service calendar (src/service/timing.ts; day 0 is a Monday). */
  private working(d: number): boolean {
    return isWorkingDay(this.p, d);
  }

  private readonly serviceDay = (dArg: number): void => {
    const d = dArg | 0;
    this.pass.day = d;
    const t = this.env.now;
    this.stock.restock(t);
    if (this.working(d)) this.pass.serve(d, t, this.context);
    this.waiting.count(this.pass.due, d);
    this.tally.series('unitsInStock', d, this.stock.count);
    this.tally.series('patientsDue', d, this.pass.due.length);
  };

  private readonly context: DayContext = new RunDayContext(this);
}

/**
 * What policies see of a run. Prototype methods, not per-run closures: every run hands policies the same
 * functions, so the JIT's optimised policy code stays valid from one run to the next instead of being thrown
 * away (and recompiled) whenever a finished run's closures are collected.
 */
class RunDayContext implements DayContext {
  constructor(private readonly run: ServiceRun) {}
  get day(): number { return this.run.pass.day; }
  get due(): readonly number[] { return this.run.pass.due; }
  waitingDays(i: number): number { return this.run.pass.day - this.run.patients.dueDay[i]!; }
  needBy(i: number): number { return this.run.patients.needByDay[i]!; }
  homeAllowed(i: number): boolean { return this.run.pass.homeAllowed(i); }
  home(i: number): boolean { return this.run.pass.home(i); }
  clinic(i: number): boolean { return this.run.pass.clinic(i); }
  lastLabDay(i: number): number { return this.run.patients.labDay[i]!; }
  lastLabHb(i: number): number { return this.run.patients.labHb[i]!; }
  earliestDay(i: number): number { return this.run.earliestDay(i); }
}
