/**
 * Patients' clinical state in one run: Hb as a straight line between transfusions (hb.ts), the cycle's decline
 * rate, the labs that find a patient due, and the Hb rise a transfusion gives. Pure state and arithmetic on
 * typed arrays; the run decides when labs and transfusions happen.
 *
 * Cost: O(1) per lab or transfusion; memory O(n).
 */
import type { SimulationSettings } from '../../scenario/sections/simulation.js';
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

  constructor(private readonly cohort: SimCohort, private readonly s: SimulationSettings,
    private readonly rnd: RunRandom, private readonly tally: RunTally) {
    const n = cohort.n;
    this.hb0 = new Float64Array(n); this.t0 = new Float64Array(n); this.rate = new Float64Array(n);
    this.cycle = new Int32Array(n); this.labNo = new Int32Array(n);
    this.due = new Uint8Array(n); this.dueDay = new Int32Array(n); this.needByDay = new Int32Array(n);
    this.labHb = new Float64Array(n); this.labDay = new Int32Array(n).fill(-1);
  }

  /** Start patient i at a random phase of its cycle; returns the day of its first lab. */
  start(i: number): number {
    const co = this.cohort;
    const cycleGain = co.unitsPerEpisode[i]! * co.incrementPerUnit[i]!;
    this.hb0[i] = co.triggerGdl[i]! + this.rnd.phase.at(i, 0) * cycleGain;
    this.t0[i] = 0;
    this.rate[i] = this.cycleRate(i);
    return Math.floor(this.rnd.phase.at(i, 1) * this.s.lab_interval_days);
  }

  private cycleRate(i: number): number {
    const noise = this.rnd.decline;
    noise.drawNormal(i, this.cycle[i]!);
    return this.cohort.declinePerDay[i]! * Math.exp(this.s.decline_noise_sd_log * noise.z);
  }

  hbAt(i: number, t: number): number {
    return this.hb0[i]! - this.rate[i]! * (t - this.t0[i]!);
  }

  /**
   * Patient i's lab at time t on day d: record the measured Hb; a patient not yet due becomes due when the
   * Hb projected to the next lab is below the trigger. Returns true when i became due.
   */
  lab(i: number, t: number, d: number): boolean {
    const k = this.labNo[i]!++;
    const noise = this.rnd.lab;
    noise.drawNormal(i, k);
    const measured = this.hbAt(i, t) + this.s.lab_noise_sd_g_dl * noise.z;
    this.labHb[i] = measured;
    this.labDay[i] = d;
    if (this.due[i]) return false;
    const decline = this.cohort.declinePerDay[i]!;
    const trigger = this.cohort.triggerGdl[i]!;
    if (measured - decline * this.s.lab_interval_days >= trigger) return false;
    this.due[i] = 1;
    this.dueDay[i] = d;
    this.needByDay[i] = d + Math.max(0, Math.floor((measured - trigger) / Math.max(decline, 1e-9)));
    return true;
  }

  /** A failed visit or no-show: the patient must be seen by the next day at the latest. */
  hurry(i: number, day: number): void {
    this.needByDay[i] = Math.min(this.needByDay[i]!, day + 1);
  }

  /** Patient i receives `units` at time t: Hb rises by the drawn increment; a new cycle starts. */
  transfuse(i: number, units: number, t: number): void {
    this.closeSegment(i, t);
    const noise = this.rnd.increment;
    noise.drawNormal(i, this.cycle[i]!);
    const gain = units * this.cohort.incrementPerUnit[i]! + Math.sqrt(units) * this.s.increment_sd_g_dl * noise.z;
    this.hb0[i] = this.hbAt(i, t) + Math.max(0, gain);
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
