/**
 * What one run counts: the counters, per-group counts and daily series of a {@link RunResult}, and the one
 * warm-up rule. Counting starts at t = `warmup_days`: the run calls {@link RunTally.endWarmup} there (an engine
 * event before that day's labs), which zeroes every counter, as the engine's monitors do with `reset(now)`.
 * Days below the trigger and floor are counted in closed form from the warm-up day on (hb.ts).
 * Unit flows, invariant checks and the series cover the whole run.
 *
 * Cost: O(1) per record; O(H) for the series.
 */
import { belowCount, belowDays } from './hb.js';
import type { PatientTotals, RunCounters, RunResult } from './result.js';
import { emptyBloodFlows, emptyCounters, emptyPatientTotals, emptySeries } from './result.js';
import { ServiceLevelTally } from './serviceLevel.js';
import type { SimCohort } from './types.js';
import { HOME } from './types.js';
import type { RunTrace } from './waiting.js';

export class RunTally {
  /** Counters over days ≥ warm-up (zeroed at the warm-up). */
  readonly c: RunCounters = emptyCounters();
  readonly r: RunResult;
  private readonly belowTriggerDiff: Int32Array | undefined;
  private readonly belowFloorDiff: Int32Array | undefined;
  /** Per-patient transfusions, units and pre-transfusion Hb after the warm-up (face validity), when kept. */
  readonly perPatient: PatientTotals | undefined;

  /** Episodes and waits for the service-level measures (serviceLevel.ts). */
  readonly service: ServiceLevelTally;

  constructor(private readonly cohort: SimCohort, policyName: string, private readonly horizon: number,
    private readonly warmup: number, timeseries: boolean, withinDays: number, readonly trace?: RunTrace, perPatient = false) {
    this.service = new ServiceLevelTally(cohort.n, warmup, horizon, withinDays, cohort.eligible);
    this.r = {
      policy: policyName, counters: this.c,
      segmentHome: new Float64Array(cohort.segmentNames.length), segmentTotal: new Float64Array(cohort.segmentNames.length),
      diagnosisHome: new Float64Array(cohort.diagnosisNames.length), diagnosisTotal: new Float64Array(cohort.diagnosisNames.length),
      flows: { released: 0, transfused: 0, returned: 0, wasted: 0, inStock: 0 },
      checks: {
        maxNurseHoursPerNurseDay: 0, maxVisitsPerNurseDay: 0, maxChairHoursDay: 0, doubleBookings: 0, transfusionEvents: 0, homeEvents: 0, clinicEvents: 0,
        maxPostHbByDiagnosis: new Float64Array(cohort.diagnosisNames.length), topUpsCapped: 0, topUpsWithheld: 0, maxHbsAfterExchange: 0,
        arrivals: 0, departures: 0, arrivalsBeyondPool: 0, populationDays: 0, populationEnd: 0, chainedVisits: 0,
      },
      series: timeseries ? emptySeries(horizon) : undefined,
      events: 0, policyStats: undefined, blood: emptyBloodFlows(), patientTotals: undefined, service: undefined,
    };
    this.belowTriggerDiff = timeseries ? new Int32Array(horizon + 1) : undefined;
    this.belowFloorDiff = timeseries ? new Int32Array(horizon + 1) : undefined;
    this.perPatient = perPatient ? emptyPatientTotals(cohort.n) : undefined;
    this.r.patientTotals = this.perPatient;
  }

  /** The end of the warm-up: forget what was counted so far (flows, checks and series stay whole-run). */
  readonly endWarmup = (): void => {
    Object.assign(this.c, emptyCounters());
    this.r.segmentHome.fill(0); this.r.segmentTotal.fill(0);
    this.r.diagnosisHome.fill(0); this.r.diagnosisTotal.fill(0);
    const pp = this.perPatient;
    if (pp) { pp.transfusions.fill(0); pp.units.fill(0); pp.preHbSum.fill(0); }
    this.service.resetPatients();
  };

  /** Patient i receives `units` with Hb `preHb` just before (kept per patient only when asked). */
  given(i: number, units: number, preHb: number): void {
    const pp = this.perPatient;
    if (!pp) return;
    pp.transfusions[i]!++; pp.units[i]! += units; pp.preHbSum[i]! += preHb;
  }

  /** One transfusion of patient i, at home or in the clinic, on `day`, ending the episode due on `dueDay`. */
  transfusion(i: number, setting: number, day: number, dueDay: number): void {
    const co = this.cohort, r = this.r, ck = r.checks;
    this.service.served(i, setting, dueDay, day);
    ck.transfusionEvents++;
    if (setting === HOME) ck.homeEvents++; else ck.clinicEvents++;
    if (setting === HOME) this.trace?.homeVisits.push({ patient: i, day });
    const seg = co.segment[i]!, dx = co.diagnosis[i]!;
    if (seg >= 0) { r.segmentTotal[seg]!++; if (setting === HOME) r.segmentHome[seg]!++; }
    if (dx >= 0) { r.diagnosisTotal[dx]!++; if (setting === HOME) r.diagnosisHome[dx]!++; }
    const ser = r.series;
    if (ser) { if (setting === HOME) ser.homeTransfusions[day]!++; else ser.clinicTransfusions[day]!++; }
  }

  /** Patient i's Hb right after a transfusion or exchange (whole run, for the regimen checks). */
  postTransfusion(i: number, hb: number): void {
    const dx = this.cohort.diagnosis[i]!, max = this.r.checks.maxPostHbByDiagnosis;
    if (dx >= 0 && hb > max[dx]!) max[dx] = hb;
  }

  /** Patient i's Hb fell linearly from `hb0` at `t0` at `rate` per day until `t1`: count days below. */
  belowSegment(i: number, t0: number, t1: number, hb0: number, rate: number): void {
    const trig = this.cohort.triggerGdl[i]!, floor = this.cohort.floorGdl[i]!;
    this.c.daysBelowTrigger += belowCount(t0, t1, hb0, rate, trig, this.warmup);
    this.c.daysBelowFloor += belowCount(t0, t1, hb0, rate, floor, this.warmup);
    if (this.trace) {
      const [from, to] = belowDays(t0, t1, hb0, rate, floor, this.warmup);
      if (to > from) this.trace.floorDays.push({ patient: i, from, to });
      const [tFrom, tTo] = belowDays(t0, t1, hb0, rate, trig, this.warmup);
      if (tTo > tFrom) this.trace.triggerDays.push({ patient: i, from: tFrom, to: tTo });
    }
    if (this.belowTriggerDiff && this.belowFloorDiff) {
      spread(this.belowTriggerDiff, belowDays(t0, t1, hb0, rate, trig, 0));
      spread(this.belowFloorDiff, belowDays(t0, t1, hb0, rate, floor, 0));
    }
  }

  /** First counted day (the warm-up's end). */
  get warmupDay(): number { return this.warmup; }

  /** Add `value` to the day's series column, when series are kept. */
  series(column: keyof NonNullable<RunResult['series']>, day: number, value: number): void {
    const ser = this.r.series;
    if (ser) ser[column][day]! += value;
  }

  /**
   * Turn the below-threshold difference arrays into the daily counts; `present` marks the patients in the cohort
   * after the warm-up (the service-level measures count only them).
   */
  finish(events: number, inStock: number, present: Uint8Array): void {
    this.r.events = events;
    this.r.flows.inStock = inStock;
    this.r.service = this.service.result(present);
    const ser = this.r.series;
    if (!ser || !this.belowTriggerDiff || !this.belowFloorDiff) return;
    let a = 0, b = 0;
    for (let d = 0; d < this.horizon; d++) {
      a += this.belowTriggerDiff[d]!; b += this.belowFloorDiff[d]!;
      ser.patientsBelowTrigger[d] = a; ser.patientsBelowFloor[d] = b;
    }
  }
}

function spread(diff: Int32Array, [a, b]: [number, number]): void {
  if (b > a) { diff[a]!++; diff[b]!--; }
}
