/**
 * An open cohort's simulator input: the day-0 cohort with an arrival pool appended (patients who may join
 * during the run, pre-drawn and pre-scored, so every array keeps its size: no growth mid-run), the arrival
 * streams per diagnosis and every patient's departure rate.
 *
 * Cost: O(n + pool).
 */
import type { ArrivalPlan } from './arrivals.js';
import type { SimCohort } from './types.js';

/** One diagnosis's arrivals: base rate a day and how many pool patients (in pool order) it may use. */
export interface ArrivalStream {
  readonly diagnosis: string;
  readonly ratePerDay: number;
  readonly poolSize: number;
}

type Typed = Float64Array | Int32Array | Uint8Array;

function concat<T extends Typed>(a: T, b: T): T {
  const out = new (a.constructor as new (n: number) => T)(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The cohort `base` (present on day 0) followed by `pool`, whose patients arrive through `streams` (pool rows
 * in stream order: the first `poolSize` rows are the first stream's, and so on). `departurePerDay` covers base
 * then pool. Pool patients take the base's diagnosis names (new names appended) and no segment.
 * @example const open = appendArrivalPool(cohort, poolCohort, [{ diagnosis: 'mds', ratePerDay: 0.1, poolSize: 60 }], 0, rates);
 */
export function appendArrivalPool(base: SimCohort, pool: SimCohort, streams: readonly ArrivalStream[], growthPerYear: number,
  departurePerDay: Float64Array): SimCohort {
  const total = streams.reduce((s, x) => s + x.poolSize, 0);
  if (total !== pool.n) throw new Error(`appendArrivalPool: streams use ${total} pool patients, pool has ${pool.n}`);
  if (departurePerDay.length !== base.n + pool.n) throw new Error(`appendArrivalPool: ${departurePerDay.length} departure rates for ${base.n + pool.n} patients`);
  const names = [...base.diagnosisNames];
  const code = (dx: number): number => {
    if (dx < 0) return -1;
    const name = pool.diagnosisNames[dx]!;
    const k = names.indexOf(name);
    return k >= 0 ? k : names.push(name) - 1;
  };
  let next = base.n;
  const plan: ArrivalPlan = {
    first: base.n, growthPerYear,
    streams: streams.map((s) => ({ diagnosis: s.diagnosis, ratePerDay: s.ratePerDay, pool: Int32Array.from({ length: s.poolSize }, () => next++) })),
  };
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(base)) {
    const other = (pool as unknown as Record<string, unknown>)[key];
    if (ArrayBuffer.isView(value) && ArrayBuffer.isView(other)) out[key] = concat(value as Typed, other as Typed);
  }
  out.n = base.n + pool.n;
  out.diagnosis = concat(base.diagnosis, Int32Array.from(pool.diagnosis, code));
  out.diagnosisNames = names;
  out.segment = concat(base.segment, new Int32Array(pool.n).fill(-1));
  if (base.exchange || pool.exchange) out.exchange = concat(base.exchange ?? new Uint8Array(base.n), pool.exchange ?? new Uint8Array(pool.n));
  if (base.topUpCapGdl || pool.topUpCapGdl) {
    out.topUpCapGdl = concat(base.topUpCapGdl ?? new Float64Array(base.n).fill(Infinity), pool.topUpCapGdl ?? new Float64Array(pool.n).fill(Infinity));
  }
  out.arrivals = plan;
  out.departurePerDay = departurePerDay;
  return Object.assign(Object.create(Object.getPrototypeOf(base) as object) as object, out) as unknown as SimCohort;
}
