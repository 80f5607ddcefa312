/**
 * Patients' clinical state in one run: Hb as a straight line between transfusions (hb.ts), the cycle's decline
 * rate, the labs that find a patient due, and the Hb rise a transfusion gives. Pure state and arithmetic on
 * typed arrays; the run decides when labs and transfusions happen.
 *
 * Cost: O(1) per lab or transfusion; memory O(n).
 */
import type { RegimenSettings } from '../../scenario/sections/regimen.js';
import type { SimulationSettings } from '../../scenario/sections/simulation.js';
import { cappedTopUpUnits, exchangePostHbGdl } from '../../service/index.js';
import type { RunRandom } from './random.js';
import type { RunTally } from './tally.js';
import type { SimCohort } from './types.js';

export class PatientStates {
  /** Hb at `t0`, and its decline per day since then. */
  private readonly hb0: Float64Array;
  private readonly t0: Float64Array;
  private readonly rate: Float64Array;
  /** Transfusion cycles completed (the counter of the cycle's noise draws). */
  private readonly cycle: Int32Array;
  private readonly labNo: Int32Array;
  /** 1 while the patient waits for a transfusion. */
  readonly due: Uint8Array;
  readonly dueDay: Int32Array;
  /** Day by which the patient should be transfused (Hb projected at the trigger). */
  readonly needByDay: Int32Array;
  readonly labHb: Float64Array;
  /** Day of the last lab (−1 before the first). */
  readonly labDay: Int32Array;
  /** Day the patient's current crossmatch sample was drawn, and the first day it can be used (service timing). */
  readonly sampleDay: Int32Array;
  readonly readyDay: Int32Array;
  /**
   * Mean Hb decline per day: the cohort's, except for exchange patients, whose line is scaled so that a cycle
   * (exchange Hb → trigger) lasts as long as the recorded cycle (units × increment / decline): the interval
   * between exchanges stays the patient's own (DOMAIN.md: exchange every 3–6 weeks).
   */
  private readonly decline: Float64Array;
  /** Hb right after an exchange (NaN: not an exchange patient). */
  private readonly exchangeHb: Float64Array;
  /** HbS share right after an exchange (regimen.exchange_post_hbs_share). */
  private readonly hbsAfterExchange: number;

  constructor(private readonly cohort: SimCohort, private readonly s: SimulationSettings,
    private readonly rnd: RunRandom, private readonly tally: RunTally, regimen?: RegimenSettings) {
    const n = cohort.n;
    this.decline = Float64Array.from(cohort.declinePerDay);
    this.exchangeHb = new Float64Array(n).fill(Number.NaN);
    this.hbsAfterExchange = regimen?.exchange_post_hbs_share ?? 0;
    if (regimen && cohort.exchange) this.scaleExchangeCycles(regimen, cohort.exchange);
    this.hb0 = new Float64Array(n); this.t0 = new Float64Array(n); this.rate = new Float64Array(n);
    this.cycle = new Int32Array(n); this.labNo = new Int32Array(n);
    this.due = new Uint8Array(n); this.dueDay = new Int32Array(n); this.needByDay = new Int32Array(n);
    this.labHb = new Float64Array(n); this.labDay = new Int32Array(n).fill(-1);
    this.sampleDay = new Int32Array(n).fill(-1); this.readyDay = new Int32Array(n);
  }

  private scaleExchangeCycles(regimen: RegimenSettings, exchange: Uint8Array): void {
    const co = this.cohort;
    for (let i = 0; i < co.n; i++) {
      if (!exchange[i]) continue;
      const post = exchangePostHbGdl(regimen, co.triggerGdl[i]!, co.topUpCapGdl?.[i] ?? Infinity);
      this.exchangeHb[i] = post;
      this.decline[i] = (co.declinePerDay[i]! * (post - co.triggerGdl[i]!)) / (co.unitsPerEpisode[i]! * co.incrementPerUnit[i]!);
    }
  }

  /** Hb a cycle gains: the units' rise, or an exchange's rise over the trigger. */
  private cycleGain(i: number): number {
    const co = this.cohort, post = this.exchangeHb[i]!;
    return Number.isNaN(post) ? co.unitsPerEpisode[i]! * co.incrementPerUnit[i]! : post - co.triggerGdl[i]!;
  }

  /**
   * Start patient i at time t (0, or when they join an open cohort) at a random phase of its cycle; returns
   * the day of its first lab (on or after t's day).
   */
  start(i: number, t = 0): number {
    const co = this.cohort;
    this.hb0[i] = co.triggerGdl[i]! + this.rnd.phase.at(i, 0) * this.cycleGain(i);
    this.t0[i] = t;
    this.rate[i] = this.cycleRate(i);
    return Math.ceil(t) + Math.floor(this.rnd.phase.at(i, 1) * this.s.lab_interval_days);
  }

  /** Patient i leaves the cohort at time t: days below counted up to t, no longer due. */
  leave(i: number, t: number): void {
    this.closeSegment(i, t);
    this.due[i] = 0;
  }

  private cycleRate(i: number): number {
    const noise = this.rnd.decline;
    noise.drawNormal(i, this.cycle[i]!);
    return this.decline[i]! * Math.exp(this.s.decline_noise_sd_log * noise.z);
  }

  hbAt(i: number, t: number): number {
    return this.hb0[i]! - this.rate[i]! * (t - this.t0[i]!);
  }

  /**
   * Patient i's lab at time t on day d: record the measured Hb; a patient not yet due becomes due when the
   * Hb projected to `lookaheadDay` — the earliest day a transfusion could follow the next lab (its working day
   * and crossmatch lead, src/service/timing.ts) — is below the trigger, unless an exchange already scheduled for
   * `scheduledDay` comes no later than the day the Hb reaches the trigger (the schedule covers the need). Returns
   * true when i became due.
   */
  lab(i: number, t: number, d: number, lookaheadDay: number, scheduledDay = Infinity): boolean {
    const k = this.labNo[i]!++;
    const noise = this.rnd.lab;
    noise.drawNormal(i, k);
    const measured = this.hbAt(i, t) + this.s.lab_noise_sd_g_dl * noise.z;
    this.labHb[i] = measured;
    this.labDay[i] = d;
    if (this.due[i]) return false;
    const decline = this.decline[i]!;
    const trigger = this.cohort.triggerGdl[i]!;
    if (measured - decline * (lookaheadDay - d) >= trigger) return false;
    const needBy = d + Math.max(0, Math.floor((measured - trigger) / Math.max(decline, 1e-9)));
    if (scheduledDay >= d && scheduledDay <= needBy) return false;
    this.due[i] = 1;
    this.dueDay[i] = d;
    this.needByDay[i] = needBy;
    return true;
  }

  /** Share of its cycle patient i had still ahead at the start (0: due now … 1: just transfused), {@link start}'s draw. */
  phaseOf(i: number): number {
    return this.rnd.phase.at(i, 0);
  }

  /**
   * A scheduled exchange (src/service/regimen.ts `exchange_schedule`) makes patient i due on day d (time t) for
   * `exchangeDay`: needed by then, or later when the Hb would reach the trigger only later (the trigger stays
   * the safety net, so a full apheresis list may defer the exchange until then).
   */
  dueForExchange(i: number, t: number, d: number, exchangeDay: number): void {
    const decline = this.decline[i]!, trigger = this.cohort.triggerGdl[i]!;
    const triggerDay = d + Math.max(0, Math.floor((this.hbAt(i, t) - trigger) / Math.max(decline, 1e-9)));
    this.due[i] = 1;
    this.dueDay[i] = d;
    this.needByDay[i] = Math.max(exchangeDay, triggerDay);
  }

  /** Patient i's crossmatch sample is drawn on day d and can be used from `readyDay`. */
  sample(i: number, d: number, readyDay: number): void {
    this.sampleDay[i] = d;
    this.readyDay[i] = readyDay;
  }

  /** A capped top-up withheld (not even one unit fits under the cap): no longer due until a later lab. */
  withhold(i: number): void {
    this.due[i] = 0;
  }

  /** A failed visit or no-show: the patient must be seen by the next day at the latest. */
  hurry(i: number, day: number): void {
    this.needByDay[i] = Math.min(this.needByDay[i]!, day + 1);
  }

  /** Whether patient i's transfusions are red cell exchanges (apheresis, clinic only). */
  isExchange(i: number): boolean {
    return !Number.isNaN(this.exchangeHb[i]!);
  }

  /**
   * Units patient i is given at time t: the usual number, fewer for a capped top-up whose expected rise would
   * pass the cap (src/service/regimen.ts; 0 when even one unit would).
   */
  unitsFor(i: number, t: number): number {
    const co = this.cohort, units = co.unitsPerEpisode[i]!, cap = co.topUpCapGdl?.[i];
    if (cap === undefined || this.isExchange(i) || !Number.isFinite(cap)) return units;
    return cappedTopUpUnits(this.hbAt(i, t), co.incrementPerUnit[i]!, units, cap);
  }

  /**
   * Patient i receives `units` at time t: Hb rises by the drawn increment (a capped top-up's noise is cut at
   * the cap; an exchange sets the post-exchange Hb); a new cycle starts.
   */
  transfuse(i: number, units: number, t: number): void {
    this.closeSegment(i, t);
    this.tally.given(i, units, this.hb0[i]!);
    const noise = this.rnd.increment;
    noise.drawNormal(i, this.cycle[i]!);
    const gain = units * this.cohort.incrementPerUnit[i]! + Math.sqrt(units) * this.s.increment_sd_g_dl * noise.z;
    this.tally.trace?.transfusions.push({ patient: i, time: t, units });
    const cap = this.cohort.topUpCapGdl?.[i] ?? Infinity;
    const post = this.hbAt(i, t) + Math.max(0, gain);
    this.hb0[i] = this.isExchange(i) ? this.exchangeHb[i]! : post > cap ? Math.max(cap, this.hbAt(i, t)) : post;
    this.tally.postTransfusion(i, this.hb0[i]!);
    const ck = this.tally.r.checks;
    if (this.isExchange(i)) ck.maxHbsAfterExchange = Math.max(ck.maxHbsAfterExchange, this.hbsAfterExchange);
    this.t0[i] = t;
    this.cycle[i]!++;
    this.rate[i] = this.cycleRate(i);
    this.due[i] = 0;
  }

  /** Count patient i's days below trigger and floor up to time t, then restart its Hb line at t. */
  closeSegment(i: number, t: number): void {
    this.tally.belowSegment(i, this.t0[i]!, t, this.hb0[i]!, this.rate[i]!);
    this.hb0[i] = this.hbAt(i, t);
    this.t0[i] = t;
  }
}
