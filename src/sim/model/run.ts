/**
 * One replication of the transfusion service under one policy, on the event engine.
 *
 * Events: a lab per patient every `lab_interval_days` (t = d + 0.25) and one service event per day
 * (t = d + 0.5): expire stock, top up the home fridge, let the policy book home visits and clinic chairs, send
 * patients at their trigger to the clinic (safety net), then carry out the visits with drawn outcomes. Hb is
 * piecewise linear between transfusions (see hb.ts), so days below trigger and floor are exact.
 *
 * Cost: O(n·H/lab_interval · log n + Σ_days due·log due) per run; memory O(n + H).
 */
import { Environment, PerishableStore } from '../engine/index.js';
import { NurseRoster, chairHoursOnWeekday, clinicChairHours, homeUnitsOnWeekday, isWorkingWeekday, nursesOnWeekday, overtimeHours, weekdayAfter } from '../../service/index.js';
import type { DayContext, Policy, PolicyFactory } from '../policies/types.js';
import { belowCount, belowDays } from './hb.js';
import type { RunRandom } from './random.js';
import type { RunCounters, RunResult } from './result.js';
import { emptyCounters, emptySeries } from './result.js';
import type { ServiceSettings, SimCohort } from './types.js';
import { visitHoursOf } from './cohort.js';
import { CLINIC, HOME } from './types.js';

const LAB_TIME = 0.25;
const SERVICE_TIME = 0.5;
/** Policies' `beforeDay` runs after the day's labs, before its service event. */
const BEFORE_SERVICE = 0.45;
/** Outcome-draw slots per visit attempt (counter = attempt index). */
const SLOT_NO_SHOW = 0, SLOT_ACCESS = 1, SLOT_SEVERE = 2, SLOT_UNIT0 = 3;

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
  return new ServiceRun(o.cohort, o.settings, o.factory, o.random, o.policyName, o.timeseries ?? false).run();
}

class ServiceRun {
  private readonly env = new Environment(4096);
  private readonly n: number;
  private readonly s: ServiceSettings['sim'];
  private readonly p: ServiceSettings['program'];
  private readonly visitHours: Float64Array;
  private readonly policy: Policy;
  // patient state
  private readonly hb0: Float64Array;
  private readonly t0: Float64Array;
  private readonly rate: Float64Array;
  private readonly cycle: Int32Array;
  private readonly attempts: Int32Array;
  private readonly labNo: Int32Array;
  private readonly due: Uint8Array;
  /** @internal read by {@link RunDayContext} */
  readonly dueDay: Int32Array;
  readonly needByDay: Int32Array;
  private readonly bookedDay: Int32Array;
  private readonly withdrawn: Uint8Array;
  readonly labHb: Float64Array;
  private readonly visitDay: Int32Array;
  readonly labDay: Int32Array;
  dueList: number[] = [];
  // day state
  day = 0;
  private roster: NurseRoster;
  private chairCapacity = 0;
  private chairHoursLeft = 0;
  private releaseLeft = 0;
  private homeToday: number[] = [];
  private clinicToday: number[] = [];
  private readonly stock = new PerishableStore();
  private releasedCount = 0;
  // results
  private readonly c: RunCounters = emptyCounters();
  private readonly r: RunResult;
  private readonly belowTriggerDiff: Int32Array;
  private readonly belowFloorDiff: Int32Array;

  constructor(private readonly cohort: SimCohort, settings: ServiceSettings, factory: PolicyFactory, private readonly rnd: RunRandom, policyName: string, timeseries: boolean) {
    this.n = cohort.n;
    this.s = settings.sim;
    this.p = settings.program;
    this.visitHours = visitHoursOf(cohort, settings.program);
    this.policy = factory({ cohort, settings, rng: rnd.policy(policyName), visitHours: this.visitHours });
    const n = this.n;
    this.hb0 = new Float64Array(n); this.t0 = new Float64Array(n); this.rate = new Float64Array(n);
    this.cycle = new Int32Array(n); this.attempts = new Int32Array(n); this.labNo = new Int32Array(n);
    this.due = new Uint8Array(n); this.dueDay = new Int32Array(n); this.needByDay = new Int32Array(n);
    this.bookedDay = new Int32Array(n).fill(-1); this.withdrawn = new Uint8Array(n);
    this.labHb = new Float64Array(n); this.labDay = new Int32Array(n).fill(-1);
    this.visitDay = new Int32Array(n).fill(-1);
    this.roster = new NurseRoster(this.p, 0);
    const H = this.s.horizon_days;
    this.belowTriggerDiff = new Int32Array(H + 1);
    this.belowFloorDiff = new Int32Array(H + 1);
    this.r = {
      policy: policyName, counters: this.c,
      segmentHome: new Float64Array(cohort.segmentNames.length), segmentTotal: new Float64Array(cohort.segmentNames.length),
      diagnosisHome: new Float64Array(cohort.diagnosisNames.length), diagnosisTotal: new Float64Array(cohort.diagnosisNames.length),
      flows: { released: 0, transfused: 0, returned: 0, wasted: 0, inStock: 0 },
      checks: { maxNurseHoursPerNurseDay: 0, maxVisitsPerNurseDay: 0, maxChairHoursDay: 0, doubleBookings: 0, transfusionEvents: 0, homeEvents: 0, clinicEvents: 0 },
      series: timeseries ? emptySeries(H) : undefined,
      events: 0, policyStats: undefined,
    };
  }

  async run(): Promise<RunResult> {
    const H = this.s.horizon_days;
    for (let i = 0; i < this.n; i++) this.startPatient(i);
    for (let d = 0; d < H; d++) this.env.at(d + SERVICE_TIME, this.serviceDay, d);
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
    for (let i = 0; i < this.n; i++) this.closeSegment(i, H);
    this.r.flows.inStock = this.stock.count;
    this.finishSeries();
    this.r.events = this.env.eventsProcessed;
    this.r.policyStats = this.policy.stats?.();
    return this.r;
  }

  private startPatient(i: number): void {
    const co = this.cohort;
    const cycleGain = co.unitsPerEpisode[i]! * co.incrementPerUnit[i]!;
    this.hb0[i] = co.triggerGdl[i]! + this.rnd.phase.at(i, 0) * cycleGain;
    this.t0[i] = 0;
    this.rate[i] = this.cycleRate(i);
    const firstLab = Math.floor(this.rnd.phase.at(i, 1) * this.s.lab_interval_days);
    this.env.at(firstLab + LAB_TIME, this.lab, i);
  }

  private cycleRate(i: number): number {
    const noise = this.rnd.decline;
    noise.drawNormal(i, this.cycle[i]!);
    return this.cohort.declinePerDay[i]! * Math.exp(this.s.decline_noise_sd_log * noise.z);
  }

  private hbAt(i: number, t: number): number {
    return this.hb0[i]! - this.rate[i]! * (t - this.t0[i]!);
  }

  private readonly lab = (iArg: number): void => {
    const i = iArg | 0;
    const t = this.env.now;
    const d = Math.floor(t);
    const k = this.labNo[i]!++;
    const noise = this.rnd.lab;
    noise.drawNormal(i, k);
    const measured = this.hbAt(i, t) + this.s.lab_noise_sd_g_dl * noise.z;
    this.labHb[i] = measured;
    this.labDay[i] = d;
    if (!this.due[i]) {
      const decline = this.cohort.declinePerDay[i]!;
      const trigger = this.cohort.triggerGdl[i]!;
      if (measured - decline * this.s.lab_interval_days < trigger) {
        this.due[i] = 1;
        this.dueDay[i] = d;
        this.needByDay[i] = d + Math.max(0, Math.floor((measured - trigger) / Math.max(decline, 1e-9)));
        this.dueList.push(i);
      }
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
    const expired = this.stock.expire(t, this.s.shelf_life_days);
    this.wasteUnits(expired, true);
    if (this.working(d)) {
      this.openDay(d);
      this.policy.plan(this.context);
      // safety net: whoever would reach the trigger before the next service day goes to the clinic today
      const next = this.nextWorkingDay(d);
      // and whoever has waited `max_home_wait_days` for a home slot is offered a regular clinic chair
      for (const i of this.dueList) {
        if (this.bookedDay[i] === d) continue;
        if (this.needByDay[i]! < next) this.bookClinic(i, true);
        else if (d - this.dueDay[i]! >= this.s.max_home_wait_days) this.bookClinic(i, false);
      }
      this.dueList = this.dueList.filter((i) => this.bookedDay[i] !== d);
      for (const i of this.homeToday) this.homeVisit(i, t);
      for (const i of this.clinicToday) this.clinicVisit(i, t);
      // no-shows and failed visits stay due: back on the list, rebooked from the next working day
      for (const i of this.homeToday) if (this.due[i]) this.dueList.push(i);
      for (const i of this.clinicToday) if (this.due[i]) this.dueList.push(i);
      this.closeDay(d);
    }
    const ser = this.r.series;
    if (ser) { ser.unitsInStock[d] = this.stock.count; ser.patientsDue[d] = this.dueList.length; }
  };

  private openDay(d: number): void {
    const p = this.p, weekday = weekdayAfter(1, d);
    this.roster = new NurseRoster(p, nursesOnWeekday(p, weekday));
    this.chairCapacity = chairHoursOnWeekday(p, weekday);
    this.chairHoursLeft = this.chairCapacity;
    this.releaseLeft = homeUnitsOnWeekday(p, weekday);
    this.homeToday = [];
    this.clinicToday = [];
    const standing = this.policy.usesHome === false ? 0 : this.s.home_stock_units;
    const topUp = Math.min(this.releaseLeft, Math.max(0, standing - this.stock.count));
    this.release(topUp, d + SERVICE_TIME);
  }

  private closeDay(d: number): void {
    const p = this.p;
    const ck = this.r.checks;
    const roster = this.roster;
    let hours = 0, overtime = 0;
    for (let k = 0; k < roster.nurses; k++) {
      const used = roster.hours[k]!;
      hours += used;
      overtime += overtimeHours(p, used);
      ck.maxNurseHoursPerNurseDay = Math.max(ck.maxNurseHoursPerNurseDay, used);
      ck.maxVisitsPerNurseDay = Math.max(ck.maxVisitsPerNurseDay, roster.visits[k]!);
    }
    const chair = this.chairCapacity - this.chairHoursLeft;
    ck.maxChairHoursDay = Math.max(ck.maxChairHoursDay, chair);
    if (this.counted(d)) {
      this.c.nurseHoursUsed += hours;
      this.c.nurseHoursAvailable += roster.nurses * p.shift_hours;
      this.c.nurseOvertimeHours += overtime;
      this.c.chairHoursUsed += chair;
    }
    const ser = this.r.series;
    if (ser) { ser.nurseHours[d] = hours; ser.chairHours[d] = chair; }
  }

  private release(count: number, t: number): void {
    const s = this.s;
    for (let u = 0; u < count; u++) {
      const span = s.release_age_max_days - s.release_age_min_days + 1;
      const age = s.release_age_min_days + Math.floor(this.rnd.blood.at(this.releasedCount++, 0) * span);
      this.stock.put(t - age);
    }
    this.releaseLeft -= count;
    this.r.flows.released += count;
    if (this.counted(this.day)) this.c.unitsReleased += count;
    if (this.r.series) this.r.series.unitsReleased[this.day]! += count;
  }

  /** Statistics count from the end of the warm-up on (the one place the warm-up is checked). */
  private counted(d: number): boolean {
    return d >= this.s.warmup_days;
  }

  private canBook(i: number): boolean {
    return this.due[i] === 1 && this.bookedDay[i] !== this.day;
  }

  /** Invariant: one visit per patient per day (a patient is never in two places at once). */
  private markVisit(i: number): void {
    if (this.visitDay[i] === this.day) this.r.checks.doubleBookings++;
    this.visitDay[i] = this.day;
  }

  bookHome(i: number): boolean {
    if (!this.canBook(i) || !this.homeAllowed(i)) return false;
    const h = this.visitHours[i]!;
    const units = this.cohort.unitsPerEpisode[i]!;
    if (this.roster.nurseFor(h) < 0 || this.stock.count + this.releaseLeft < units) return false;
    if (this.stock.count < units) this.release(units - this.stock.count, this.day + SERVICE_TIME);
    this.stock.take(units);
    this.roster.place(h);
    this.bookedDay[i] = this.day;
    this.homeToday.push(i);
    return true;
  }

  /**
   * A clinic chair within today's chair-hours; with `overflow` (the safety net on the trigger day) the visit
   * happens anyway in an extra session and the hours beyond capacity count as overflow.
   */
  bookClinic(i: number, overflow = false): boolean {
    if (!this.canBook(i)) return false;
    const hours = clinicChairHours(this.p, this.cohort.unitsPerEpisode[i]!);
    if (this.chairHoursLeft < hours) {
      if (!overflow) return false;
      const extra = hours - this.chairHoursLeft;
      if (this.counted(this.day)) this.c.chairHoursOverflow += extra;
      if (this.r.series) this.r.series.chairHoursOverflow[this.day]! += extra;
      this.chairHoursLeft = 0;
    } else {
      this.chairHoursLeft -= hours;
    }
    this.bookedDay[i] = this.day;
    this.clinicToday.push(i);
    return true;
  }

  homeAllowed(i: number): boolean {
    return this.cohort.eligible[i] === 1 && this.withdrawn[i] === 0;
  }

  private readonly context: DayContext = new RunDayContext(this);

  // visit outcomes ---------------------------------------------------------------------------------------------

  private homeVisit(i: number, t: number): void {
    const s = this.s, co = this.cohort, c = this.c;
    this.markVisit(i);
    const k = this.attempts[i]!++;
    const units = co.unitsPerEpisode[i]!;
    const counted = this.counted(this.day);
    const out = this.rnd.outcome;
    const noShow = out.below(i, k, SLOT_NO_SHOW, s.home_no_show_probability);
    if (noShow || out.below(i, k, SLOT_ACCESS, s.failed_access_probability)) {
      if (counted) { if (noShow) c.homeNoShows++; else c.failedAccess++; }
      this.unusedUnits(i, units, s.failed_visit_on_site_min);
      this.needByDay[i] = Math.min(this.needByDay[i]!, this.day + 1); // rebook: clinic next working day at the latest
      return;
    }
    const given = this.giveUnits(i, k, units);
    this.unusedUnits(i, units - given, given * this.p.hours_per_unit * 60);
    this.r.flows.transfused += given;
    if (this.r.series) this.r.series.unitsTransfused[this.day]! += given;
    const reaction = given < units || out.below(i, k, SLOT_UNIT0 + units - 1, s.reaction_probability_per_unit);
    if (counted) {
      c.homeTransfusions++; c.homeUnits += given;
      c.travelHoursAvoided += (2 * co.travelMinOneWay[i]!) / 60;
      c.kmAvoided += 2 * co.distanceKm[i]!;
      c.nurseKm += 2 * co.distanceKm[i]!;
      c.chairHoursFreed += clinicChairHours(this.p, units);
      if (reaction) c.homeAdverse++;
    }
    if (reaction && out.below(i, k, SLOT_SEVERE, s.severe_reaction_share)) {
      this.withdrawn[i] = 1;
      if (counted) c.hospitalTransfers++;
    }
    this.transfuse(i, given, t, HOME);
  }

  private clinicVisit(i: number, t: number): void {
    const s = this.s, co = this.cohort, c = this.c;
    this.markVisit(i);
    const k = this.attempts[i]!++;
    const units = co.unitsPerEpisode[i]!;
    const counted = this.counted(this.day);
    const out = this.rnd.outcome;
    if (out.below(i, k, SLOT_NO_SHOW, s.clinic_no_show_probability)) {
      if (counted) c.clinicNoShows++;
      this.needByDay[i] = Math.min(this.needByDay[i]!, this.day + 1);
      return;
    }
    const given = this.giveUnits(i, k, units);
    const reaction = given < units || out.below(i, k, SLOT_UNIT0 + units - 1, s.reaction_probability_per_unit);
    if (counted) {
      c.clinicTransfusions++; c.clinicUnits += given;
      c.patientTravelHours += (2 * co.travelMinOneWay[i]!) / 60;
      c.patientKm += 2 * co.distanceKm[i]!;
      if (reaction) c.clinicAdverse++;
      if (reaction && out.below(i, k, SLOT_SEVERE, s.severe_reaction_share)) c.hospitalTransfers++;
    }
    this.transfuse(i, given, t, CLINIC);
  }

  /** Units given before a reaction stops the transfusion (the reacting unit counts as given). */
  private giveUnits(i: number, k: number, units: number): number {
    const p = this.s.reaction_probability_per_unit;
    for (let j = 0; j < units - 1; j++) if (this.rnd.outcome.below(i, k, SLOT_UNIT0 + j, p)) return j + 1;
    return units;
  }

  /** Unused units come back to the bank if back in a fridge within the return window, else they are wasted. */
  private unusedUnits(i: number, count: number, minutesOnSite: number): void {
    if (count <= 0) return;
    const minutesOut = 2 * this.cohort.travelMinOneWay[i]! + minutesOnSite;
    if (minutesOut <= this.s.return_window_min) {
      this.r.flows.returned += count;
      if (this.counted(this.day)) this.c.unitsReturned += count;
      if (this.r.series) this.r.series.unitsReturned[this.day]! += count;
    } else {
      this.wasteUnits(count, false);
    }
  }

  private wasteUnits(count: number, expired: boolean): void {
    if (count <= 0) return;
    this.r.flows.wasted += count;
    if (this.counted(this.day)) {
      this.c.unitsWasted += count;
      if (expired) this.c.unitsExpired += count;
    }
    if (this.r.series) this.r.series.unitsWasted[this.day]! += count;
  }

  private transfuse(i: number, units: number, t: number, setting: number): void {
    const co = this.cohort, ck = this.r.checks;
    this.closeSegment(i, t);
    const noise = this.rnd.increment;
    noise.drawNormal(i, this.cycle[i]!);
    const gain = units * co.incrementPerUnit[i]! + Math.sqrt(units) * this.s.increment_sd_g_dl * noise.z;
    this.hb0[i] = this.hbAt(i, t) + Math.max(0, gain);
    this.t0[i] = t;
    this.cycle[i]!++;
    this.rate[i] = this.cycleRate(i);
    this.due[i] = 0;
    ck.transfusionEvents++;
    if (setting === HOME) ck.homeEvents++; else ck.clinicEvents++;
    if (this.counted(this.day)) {
      const seg = co.segment[i]!, dx = co.diagnosis[i]!;
      if (seg >= 0) { this.r.segmentTotal[seg]!++; if (setting === HOME) this.r.segmentHome[seg]!++; }
      if (dx >= 0) { this.r.diagnosisTotal[dx]!++; if (setting === HOME) this.r.diagnosisHome[dx]!++; }
    }
    const ser = this.r.series;
    if (ser) { if (setting === HOME) ser.homeTransfusions[this.day]!++; else ser.clinicTransfusions[this.day]!++; }
  }

  /** Count days below trigger and floor on patient i's current Hb segment up to time t, then restart it at t. */
  private closeSegment(i: number, t: number): void {
    const trig = this.cohort.triggerGdl[i]!;
    const floor = this.cohort.floorGdl[i]!;
    const w = this.s.warmup_days;
    this.c.daysBelowTrigger += belowCount(this.t0[i]!, t, this.hb0[i]!, this.rate[i]!, trig, w);
    this.c.daysBelowFloor += belowCount(this.t0[i]!, t, this.hb0[i]!, this.rate[i]!, floor, w);
    if (this.r.series) {
      const [sa, sb] = belowDays(this.t0[i]!, t, this.hb0[i]!, this.rate[i]!, trig, 0);
      if (sb > sa) { this.belowTriggerDiff[sa]!++; this.belowTriggerDiff[sb]!--; }
      const [ga, gb] = belowDays(this.t0[i]!, t, this.hb0[i]!, this.rate[i]!, floor, 0);
      if (gb > ga) { this.belowFloorDiff[ga]!++; this.belowFloorDiff[gb]!--; }
    }
    this.hb0[i] = this.hbAt(i, t);
    this.t0[i] = t;
  }

  private finishSeries(): void {
    const ser = this.r.series;
    if (!ser) return;
    let a = 0, b = 0;
    for (let d = 0; d < this.s.horizon_days; d++) {
      a += this.belowTriggerDiff[d]!; b += this.belowFloorDiff[d]!;
      ser.patientsBelowTrigger[d] = a; ser.patientsBelowFloor[d] = b;
    }
  }
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
  waitingDays(i: number): number { return this.run.day - this.run.dueDay[i]!; }
  needBy(i: number): number { return this.run.needByDay[i]!; }
  homeAllowed(i: number): boolean { return this.run.homeAllowed(i); }
  home(i: number): boolean { return this.run.bookHome(i); }
  clinic(i: number): boolean { return this.run.bookClinic(i); }
  lastLabDay(i: number): number { return this.run.labDay[i]!; }
  lastLabHb(i: number): number { return this.run.labHb[i]!; }
}
