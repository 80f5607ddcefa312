/**
 * The open cohort in one run: who is in the cohort when, drawn from the replication's own streams so every
 * policy sees the same arrivals and departures (common random numbers).
 *
 * Arrivals: one non-homogeneous Poisson process per diagnosis with rate r · (1 + g)^(t/365) a day (r the
 * scenario's base rate, g `cohort.growth_per_year`). Its cumulative rate is
 *   Λ(t) = r·t (g = 0),  r · 365 / ln(1 + g) · ((1 + g)^(t/365) − 1) (g > 0),
 * and the j-th arrival is at Λ⁻¹(E_j), E_j the sum of j + 1 unit exponentials u(stream, j) (time change of a
 * unit-rate process). The j-th arrival of a diagnosis is its pool patient j (pre-drawn attributes); arrivals
 * beyond the pool are counted, not simulated (the pool is sized by {@link arrivalPoolSize}, a deterministic
 * bound). Departures: each patient stays an exponential time with their rate (deaths and discharges by
 * diagnosis, palliative patients at their own rate), u(patient, 0) of the departure stream.
 *
 * Cost: O(arrivals + n) per run; memory O(n).
 */
import type { RunChecks } from './result.js';
import type { RunRandom } from './random.js';
import type { SimCohort } from './types.js';

/** Arrival streams of an open cohort (plain data: crosses to worker threads). */
export interface ArrivalPlan {
  /** Patients [0, first) are in the cohort on day 0; [first, n) are the arrival pool. */
  readonly first: number;
  /** One stream per diagnosis: base arrivals a day and its pool patients in order of use. */
  readonly streams: readonly { readonly diagnosis: string; readonly ratePerDay: number; readonly pool: Int32Array }[];
  readonly growthPerYear: number;
}

/** Λ(t): expected arrivals in [0, t] at base rate `ratePerDay` growing by `growthPerYear`. O(1). */
export function cumulativeArrivals(ratePerDay: number, growthPerYear: number, t: number): number {
  if (growthPerYear === 0) return ratePerDay * t;
  const k = Math.log1p(growthPerYear) / 365;
  return (ratePerDay * Math.expm1(k * t)) / k;
}

/** Λ⁻¹(e): the time by which `e` arrivals are expected. O(1). @example arrivalTime(2, 0, 10); // 5 */
export function arrivalTime(ratePerDay: number, growthPerYear: number, e: number): number {
  if (!(ratePerDay > 0)) return Infinity;
  if (growthPerYear === 0) return e / ratePerDay;
  const k = Math.log1p(growthPerYear) / 365;
  return Math.log1p((e * k) / ratePerDay) / k;
}

/**
 * Expected arrivals still in the cohort at t when each leaves at `departurePerDay` (μ): the arrivals of Λ,
 * each surviving to t with e^(−μ(t − s)) (an M_t/M/∞ population started empty):
 *   ∫₀ᵗ r e^(ks) e^(−μ(t−s)) ds = r (e^(kt) − e^(−μt)) / (k + μ),  k = ln(1 + g) / 365;
 * μ = 0 gives {@link cumulativeArrivals}; g = 0 gives r (1 − e^(−μt)) / μ. O(1).
 * @example arrivalsPresent(1, 0, 0, 10); // 10
 */
export function arrivalsPresent(ratePerDay: number, growthPerYear: number, departurePerDay: number, t: number): number {
  if (!(departurePerDay > 0)) return cumulativeArrivals(ratePerDay, growthPerYear, t);
  const k = Math.log1p(growthPerYear) / 365;
  return (ratePerDay * (Math.exp(k * t) - Math.exp(-departurePerDay * t))) / (k + departurePerDay);
}

/** Arrivals a day from a scenario's arrivals a month (`cohort.arrivals_per_month`): × 12 / 365. O(1). */
export function arrivalsPerDay(perMonth: number): number {
  return (perMonth * 12) / 365;
}

/** Pool size that a Poisson count with mean `expected` exceeds with negligible probability (mean + 6 sd + 5). */
export function arrivalPoolSize(expected: number): number {
  return expected > 0 ? Math.ceil(expected + 6 * Math.sqrt(expected)) + 5 : 0;
}

const unitExponential = (u: number): number => -Math.log1p(-u);

export class CohortFlow {
  /** 1 while the patient is in the cohort. */
  readonly present: Uint8Array;
  private readonly arriveT: Float64Array;
  private readonly leaveT: Float64Array;
  private arrivals = 0;
  private departures = 0;
  private beyondPool = 0;

  constructor(private readonly cohort: SimCohort, private readonly rnd: RunRandom, private readonly horizon: number) {
    const n = cohort.n, first = this.first;
    this.present = new Uint8Array(n);
    this.present.fill(1, 0, first);
    this.arriveT = new Float64Array(n).fill(Number.NaN); // NaN: not (yet) arrived
    this.arriveT.fill(0, 0, first);
    this.leaveT = new Float64Array(n).fill(Infinity);
  }

  /** Patients in the cohort on day 0. */
  get first(): number {
    return this.cohort.arrivals?.first ?? this.cohort.n;
  }

  /** Call `at(patient, time)` for every arrival before the horizon, stream by stream. */
  forEachArrival(at: (i: number, t: number) => void): void {
    const plan = this.cohort.arrivals;
    if (!plan) return;
    plan.streams.forEach((s, k) => {
      let e = 0;
      for (let j = 0; ; j++) {
        e += unitExponential(this.rnd.arrivals.at(k, j));
        const t = arrivalTime(s.ratePerDay, plan.growthPerYear, e);
        if (!(t < this.horizon)) return;
        if (j >= s.pool.length) { this.beyondPool++; continue; }
        at(s.pool[j]!, t);
      }
    });
  }

  /** Patient i joins at time t. */
  enter(i: number, t: number): void {
    this.present[i] = 1;
    this.arriveT[i] = t;
    this.arrivals++;
  }

  /** When patient i, in the cohort from `since`, leaves (Infinity: stays). */
  departureTime(i: number, since: number): number {
    const rate = this.cohort.departurePerDay?.[i] ?? 0;
    return rate > 0 ? since + unitExponential(this.rnd.departure.at(i, 0)) / rate : Infinity;
  }

  /** Patient i leaves at time t. */
  leave(i: number, t: number): void {
    this.present[i] = 0;
    this.leaveT[i] = t;
    this.departures++;
  }

  /** 1 for each patient in the cohort at some time after t: arrived (before the horizon) and not left by t. O(n). */
  presentAfter(t: number): Uint8Array {
    return Uint8Array.from(this.arriveT, (a, i) => (!Number.isNaN(a) && this.leaveT[i]! > t ? 1 : 0));
  }

  /** Write the run's cohort figures into the checks: arrivals, departures, patient-days in the cohort. */
  finish(ck: RunChecks): void {
    let days = 0, end = 0;
    for (let i = 0; i < this.cohort.n; i++) {
      if (Number.isNaN(this.arriveT[i]!)) continue; // never arrived
      days += Math.min(this.horizon, this.leaveT[i]!) - this.arriveT[i]!;
      if (this.present[i]) end++;
    }
    ck.arrivals = this.arrivals;
    ck.departures = this.departures;
    ck.arrivalsBeyondPool = this.beyondPool;
    ck.populationDays = days;
    ck.populationEnd = end;
  }
}
