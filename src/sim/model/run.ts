/**
 * One replication of the transfusion service under one policy, on the event engine.
 *
 * Events: a lab per patient every `lab_interval_days` (t = d + 0.25) and one service event per day
 * (t = d + 0.5): expire stock, top up the home fridge, let the policy book home visits and clinic chairs, send
 * patients at their trigger to the clinic (safety net), then carry out the visits with drawn outcomes. Hb is
 * piecewise linear between transfusions (patients.ts, hb.ts), so days below trigger and floor are exact.
 * The parts live apart: patients' Hb and labs (patients.ts), the day's bookings (bookings.ts), the home blood
 * stock (homeStock.ts), visit outcomes (visits.ts), and what is counted from the warm-up on (tally.ts).
 *
 * Cost: O(n·H/lab_interval · log n + Σ_days due·log due) per run; memory O(n + H).
 */
import { Environment } from '../engine/index.js';
import { homeUnitsOnWeekday, isWorkingWeekday, weekdayAfter } from '../../service/index.js';
import type { DayContext, Policy, PolicyFactory } from '../policies/types.js';
import { DayBookings } from './bookings.js';
import { visitHoursOf } from './cohort.js';
import { HomeStock } from './homeStock.js';
import { PatientStates } from './patients.js';
import type { RunRandom } from './random.js';
import type { RunResult } from './result.js';
import { RunTally } from './tally.js';
import type { ServiceSettings, SimCohort } from './types.js';
import { VisitOutcomes } from './visits.js';

const LAB_TIME = 0.25;
const SERVICE_TIME = 0.5;
/** Policies' `beforeDay` runs after the day's labs, before its service event. */
const BEFORE_SERVICE = 0.45;

/** What one run needs. */
export interface RunOptions {
  readonly cohort: SimCohort;
  readonly settings: ServiceSettings;
  readonly factory: PolicyFactory;
  readonly random: RunRandom;
  readonly policyName: string;
  /** Keep replication 0's daily series (default false). */
  readonly timeseries?: boolean;
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
  private readonly stock: HomeStock;
  private readonly visits: VisitOutcomes;
  dueList: number[] = [];
  day = 0;

  constructor(o: RunOptions) {
    const { cohort, settings, random } = o;
    this.cohort = cohort;
    this.s = settings.sim;
    this.p = settings.program;
    this.visitHours = visitHoursOf(cohort, settings.program);
    this.policy = o.factory({ cohort, settings, rng: random.policy(o.policyName), visitHours: this.visitHours });
    this.tally = new RunTally(cohort, o.policyName, this.s.horizon_days, this.s.warmup_days, o.timeseries ?? false, settings.withinDays);
    this.patients = new PatientStates(cohort, this.s, random, this.tally);
    this.book = new DayBookings(this.p, this.tally, cohort.n);
    this.stock = new HomeStock(this.s, random, this.tally);
    this.visits = new VisitOutcomes(cohort, this.s, this.p, random, this.tally, this.patients, this.stock);
  }

  async run(): Promise<RunResult> {
    const H = this.s.horizon_days, n = this.cohort.n;
    for (let i = 0; i < n; i++) this.env.at(this.patients.start(i) + LAB_TIME, this.lab, i);
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
    for (let i = 0; i < n; i++) this.patients.closeSegment(i, H);
    this.tally.finish(this.env.eventsProcessed, this.stock.count);
    this.tally.r.policyStats = this.policy.stats?.();
    return this.tally.r;
  }

  private readonly lab = (iArg: number): void => {
    const i = iArg | 0;
    const t = this.env.now;
    if (this.patients.lab(i, t, Math.floor(t))) {
      this.dueList.push(i);
      this.tally.service.due(i, Math.floor(t), this.homeAllowed(i));
    }
    this.env.schedule(this.s.lab_interval_days, this.lab, i);
  };

  private nextWorkingDay(d: number): number {
    for (let k = 1; k <= 7; k++) if (this.working(d + k)) return d + k;
    return d + 7;
  }

  private working(d: number): boolean {
    return isWorkingWeekday(this.p, weekdayAfter(1, d)); // day 0 is a Monday
  }

  private readonly serviceDay = (dArg: number): void => {
    const d = dArg | 0;
    this.day = d;
    const t = this.env.now;
    this.stock.expire(t, d);
    if (this.working(d)) this.workingDay(d, t);
    this.tally.series('unitsInStock', d, this.stock.count);
    this.tally.series('patientsDue', d, this.dueList.length);
  };

  private workingDay(d: number, t: number): void {
    const book = this.book, patients = this.patients;
    book.open(d);
    const standing = this.policy.usesHome === false ? 0 : this.s.home_stock_units;
    this.stock.openDay(d, d + SERVICE_TIME, homeUnitsOnWeekday(this.p, weekdayAfter(1, d)), standing);
    this.policy.plan(this.context);
    // safety net: whoever would reach the trigger before the next service day goes to the clinic today
    const next = this.nextWorkingDay(d);
    // and whoever has waited `max_home_wait_days` for a home slot is offered a regular clinic chair
    for (const i of this.dueList) {
      if (book.bookedOn(i, d)) continue;
      if (patients.needByDay[i]! < next) this.bookClinic(i, true);
      else if (d - patients.dueDay[i]! >= this.s.max_home_wait_days) this.bookClinic(i, false);
    }
    this.dueList = this.dueList.filter((i) => !book.bookedOn(i, d));
    for (const i of book.homeToday) { book.markVisit(i, d); this.visits.home(i, d, t); }
    for (const i of book.clinicToday) { book.markVisit(i, d); this.visits.clinic(i, d, t); }
    // no-shows and failed visits stay due: back on the list, rebooked from the next working day
    for (const i of book.homeToday) if (patients.due[i]) this.dueList.push(i);
    for (const i of book.clinicToday) if (patients.due[i]) this.dueList.push(i);
    book.close(d);
  }

  private canBook(i: number): boolean {
    return this.patients.due[i] === 1 && !this.book.bookedOn(i, this.day);
  }

  bookHome(i: number): boolean {
    if (!this.canBook(i) || !this.homeAllowed(i)) return false;
    const h = this.visitHours[i]!;
    const units = this.cohort.unitsPerEpisode[i]!;
    if (!this.book.nurseFree(h) || !this.stock.canSupply(units)) return false;
    this.stock.issue(units, this.day + SERVICE_TIME, this.day);
    return this.book.home(i, this.day, h);
  }

  bookClinic(i: number, overflow = false): boolean {
    return this.canBook(i) && this.book.clinic(i, this.day, this.cohort.unitsPerEpisode[i]!, overflow);
  }

  homeAllowed(i: number): boolean {
    return this.cohort.eligible[i] === 1 && this.visits.withdrawn[i] === 0;
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
}
