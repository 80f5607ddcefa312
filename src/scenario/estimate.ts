/**
 * A coarse upper estimate of the memory and CPU time a run of a scenario needs, from the scenario alone, so a
 * run that cannot fit the machine is refused before it starts (not killed by the system an hour later). Each
 * term names the scenario knob that drives it; the largest is the one to turn. The coefficients are upper
 * bounds of measured runs (bytes per patient, per co-association pair, per model column), not a model of the
 * allocator: the estimate is meant to catch a run that is 10× too big, not to predict within 10%.
 */
import { arrivalPoolSize, arrivalsPerDay, cumulativeArrivals } from '../sim/model/arrivals.js';
import type { Scenario } from './schema.js';

/** One cost of a run: what drives it, and how much memory (bytes) and CPU time (seconds) it takes. */
export interface EstimateTerm {
  readonly knob: string;
  readonly bytes: number;
  readonly cpuSeconds: number;
}

export interface RunEstimate {
  /** Patients simulated: the cohort and an open cohort's arrival pool. */
  readonly patients: number;
  /** Everything, for one evaluation in one process. */
  readonly bytes: number;
  /** What one more worker thread adds: the terms and its own modules and solver. */
  readonly bytesPerExtraWorker: number;
  readonly cpuSeconds: number;
  /** Terms, largest memory first. */
  readonly terms: readonly EstimateTerm[];
}

/** Node, the solvers (wasm) and the chart renderer loaded: ≈ 250 MB measured; 400 MB leaves room. */
const BASE_BYTES = 400 * 2 ** 20;
/** A worker thread's own modules and solver instance: ≈ 120 MB measured; 200 MB leaves room. */
const WORKER_BYTES = 200 * 2 ** 20;
/** A patient row in memory: ~30 typed columns, its id, the priority and plan records: ≤ 2 kB. */
const BYTES_PER_PATIENT = 2048;
/** Exact consensus: co-association counts and distances per pair of rows (two 4-byte arrays plus the linkage). */
const BYTES_PER_PAIR = 16;
/** Model columns per patient and planned day (1200 patients × 28 days gave 15,378 columns: 0.46). */
const COLUMNS_PER_PATIENT_DAY = 0.5;
/** HiGHS keeps the matrix, bounds and the branch-and-bound tree: ≤ 4 kB a column. */
const BYTES_PER_COLUMN = 4096;
/** Simulated patient-days per CPU second on one core (measured ≈ 2–5 million; the lower bound). */
const PATIENT_DAYS_PER_SECOND = 1_000_000;
/** One row of the simulation's per-day time series, kept for every replication × policy × day. */
const BYTES_PER_SERIES_ROW = 256;

/**
 * Estimate the memory and CPU time of `carestrata run` (and of one sweep point) for `s`, reading `patients`
 * rows (the synthetic cohort's size, or a CSV's row count). `sections` keeps only the terms of the stages a
 * command runs (the cohort always counts). Cost: O(1).
 * @example
 * estimateRun(scenario, 1200).bytes; // ≈ 0.5 GB for the default scenario
 */
/**
 * Patients an open cohort's arrival pool holds (src/openCohort.ts): the pool sizes of the scenario's arrival
 * streams; under `balanced` an upper bound from the highest departure rate and the growth. 0 when closed. O(diagnoses).
 */
export function arrivalPoolBound(s: Scenario, patients: number): number {
  const c = s.cohort, H = s.simulation.horizon_days, g = c.growth_per_year;
  if (c.arrivals_per_month !== 'balanced') {
    return Object.values(c.arrivals_per_month).reduce((n, perMonth) => n + arrivalPoolSize(cumulativeArrivals(arrivalsPerDay(perMonth), g, H)), 0);
  }
  const leave = Math.max(0, c.palliative_departures_per_year, ...Object.values(c.departures_per_year));
  const perDay = (patients * (leave + Math.log1p(g))) / 365;
  return perDay > 0 ? arrivalPoolSize(cumulativeArrivals(perDay, g, H)) : 0;
}

export function estimateRun(s: Scenario, patients: number, sections?: readonly string[]): RunEstimate {
  const pool = arrivalPoolBound(s, patients);
  const simulated = patients + pool;
  const exact = Math.min(patients, s.segment.exact_max_rows);
  const fitRows = Math.min(patients, s.segment.max_fit_rows);
  const kCount = s.segment.k !== undefined ? 1 : s.segment.k_max - s.segment.k_min + 1;
  const columns = patients * s.optimize.horizon_days * COLUMNS_PER_PATIENT_DAY;
  const policies = s.simulation.policies.length;
  const simDays = s.simulation.horizon_days + s.simulation.warmup_days;
  const terms: EstimateTerm[] = ([
    { knob: 'cohort.patients', bytes: patients * BYTES_PER_PATIENT, cpuSeconds: patients * 1e-4 },
    { knob: 'segment.exact_max_rows', bytes: (exact * exact * BYTES_PER_PAIR) / 2, cpuSeconds: (exact * exact * kCount * s.segment.members) / 2e9 },
    { knob: 'segment.members', bytes: s.segment.members * fitRows * 8, cpuSeconds: (s.segment.members * kCount * fitRows * 20) / 2e8 },
    { knob: 'optimize.horizon_days', bytes: columns * BYTES_PER_COLUMN, cpuSeconds: Math.min(s.optimize.time_limit_sec, columns / 1e4) },
    { knob: 'cohort.arrivals_per_month', bytes: pool * BYTES_PER_PATIENT, cpuSeconds: pool * 1e-4 },
    { knob: 'simulation.replications', bytes: s.simulation.replications * policies * simDays * BYTES_PER_SERIES_ROW, cpuSeconds: (s.simulation.replications * policies * simulated * simDays) / PATIENT_DAYS_PER_SECOND },
    { knob: 'priority.robustness.draws', bytes: s.priority.robustness.draws * patients * 8, cpuSeconds: (s.priority.robustness.draws * patients * Math.log2(patients + 1)) / 1e7 },
  ] as EstimateTerm[]).filter((t) => !sections || t.knob.startsWith('cohort.') || sections.some((x) => t.knob.startsWith(`${x}.`)));
  terms.sort((a, b) => b.bytes - a.bytes);
  const work = terms.reduce((a, t) => a + t.bytes, 0);
  const cpuSeconds = terms.reduce((a, t) => a + t.cpuSeconds, 0);
  return { patients: simulated, bytes: BASE_BYTES + work, bytesPerExtraWorker: WORKER_BYTES + work, cpuSeconds, terms };
}
