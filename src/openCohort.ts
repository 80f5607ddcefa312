/**
 * Pipeline glue for the open cohort (issue 16 item 6): from the scenario's `cohort` rates, each patient's
 * departure rate, the arrival streams per diagnosis, and the arrival pool — patients drawn like the synthetic
 * generator's (src/data/arrivals.ts), scored by the same priority model, adapted like the cohort — appended to
 * the simulator's cohort (src/sim/model/openCohort.ts). A closed cohort (the default) comes back unchanged.
 *
 *   departure rate (a day) = palliative rate if ECOG ≥ palliative_ecog_min and that rate > 0,
 *                            else departures_per_year[diagnosis] (0 when absent), ÷ 365;
 *   arrivals a day         = arrivals_per_month[d] × 12 / 365, or `balanced`:
 *                            (Σ departure rates of d's patients + N_d · ln(1 + growth) / 365), × (1 + growth)^(t/365).
 *
 * Cost: O(n + pool) plus scoring the pool.
 */
import { arrivalDiagnoses, synthesizeArrivals } from './data/arrivals.js';
import { findColumn } from './data/table.js';
import { thresholdsFromTable } from './data/thresholds.js';
import { regimensFromTable } from './data/regimens.js';
import { scorePatients } from './priority/index.js';
import type { PriorityResult } from './priority/index.js';
import { dynamicScoreInputs } from './sim/model/priorityInputs.js';
import type { PatientTable } from './data/table.js';
import { streams } from './random/index.js';
import type { Scenario } from './scenario/schema.js';
import type { CohortInputs, SimCohort } from './sim/index.js';
import { simCohortFromTable } from './sim/index.js';
import { arrivalPoolSize, arrivalsPerDay, arrivalsPresent, cumulativeArrivals } from './sim/model/arrivals.js';
import type { ArrivalStream } from './sim/model/openCohort.js';
import { appendArrivalPool } from './sim/model/openCohort.js';

const DAYS_PER_YEAR = 365;

/** Departure rate a day per table row. O(n). */
export function departureRates(table: PatientTable, scenario: Scenario): Float64Array {
  const c = scenario.cohort, dx = findColumn(table, 'diagnosis'), ecog = findColumn(table, 'ecog');
  return Float64Array.from(table.ids, (_, i) => {
    const grade = ecog && ecog.kind !== 'categorical' ? ecog.values[i]! : Number.NaN;
    if (c.palliative_departures_per_year > 0 && grade >= c.palliative_ecog_min) return c.palliative_departures_per_year / DAYS_PER_YEAR;
    const name = dx?.kind === 'categorical' && dx.codes[i]! >= 0 ? dx.levels[dx.codes[i]!]! : undefined;
    return (name === undefined ? 0 : c.departures_per_year[name] ?? 0) / DAYS_PER_YEAR;
  });
}

/** Who is in the day-0 cohort by diagnosis (a simulator cohort, or the table's diagnosis column). */
type Diagnoses = Pick<SimCohort, 'n' | 'diagnosis' | 'diagnosisNames'>;

/** Arrival streams per diagnosis (rate > 0 only), in the cohort's diagnosis order, then the scenario's. */
export function arrivalStreams(base: Diagnoses, departurePerDay: Float64Array, scenario: Scenario): ArrivalStream[] {
  const c = scenario.cohort, H = scenario.simulation.horizon_days, g = c.growth_per_year;
  const rates = new Map<string, number>();
  if (c.arrivals_per_month === 'balanced') {
    for (let i = 0; i < base.n; i++) {
      const d = base.diagnosis[i]!;
      if (d < 0) continue;
      const name = base.diagnosisNames[d]!;
      rates.set(name, (rates.get(name) ?? 0) + departurePerDay[i]! + Math.log1p(g) / DAYS_PER_YEAR);
    }
  } else {
    for (const [name, perMonth] of Object.entries(c.arrivals_per_month)) rates.set(name, arrivalsPerDay(perMonth));
  }
  return [...rates].filter(([, r]) => r > 0).map(([diagnosis, ratePerDay]) => ({ diagnosis, ratePerDay, poolSize: arrivalPoolSize(cumulativeArrivals(ratePerDay, g, H)) }));
}

/**
 * The simulator's cohort, opened: departure rates, and an arrival pool scored by `score` (eligibility, score,
 * target as for the cohort). Diagnoses the synthetic generator cannot draw (a CSV cohort's own) get no
 * arrivals under `balanced`; a warning names them.
 * @example const { cohort, warnings } = openSimCohort(scenario, table, simCohort, (pool) => ({ eligible: ... }));
 */
export function openSimCohort(scenario: Scenario, table: PatientTable, base: SimCohort, score: (pool: PatientTable) => CohortInputs): { cohort: SimCohort; warnings: string[] } {
  const departures = departureRates(table, scenario);
  const { list, warnings } = simulatedStreams(base, departures, scenario);
  if (list.length === 0 && departures.every((r) => r === 0)) return { cohort: base, warnings };
  const pool = synthesizeArrivals(list.map((s) => ({ diagnosis: s.diagnosis, count: s.poolSize })), streams(scenario.seed));
  const poolCohort = simCohortFromTable(pool, score(pool), scenario.clinical, scenario.regimen);
  const rates = new Float64Array(base.n + pool.ids.length);
  rates.set(departures);
  rates.set(departureRates(pool, scenario), base.n);
  return { cohort: appendArrivalPool(base, poolCohort, list, scenario.cohort.growth_per_year, rates), warnings };
}

/** The arrival streams the simulator draws: those of diagnoses the generator knows (a warning names the rest). */
function simulatedStreams(base: Diagnoses, departures: Float64Array, scenario: Scenario):
  { list: ArrivalStream[]; warnings: string[] } {
  const all = arrivalStreams(base, departures, scenario);
  const drawable = new Set(arrivalDiagnoses());
  const list = all.filter((s) => drawable.has(s.diagnosis));
  const skipped = all.filter((s) => !drawable.has(s.diagnosis)).map((s) => s.diagnosis);
  const warning = `open cohort: no new patients can be drawn for ${skipped.join(', ')} (not a synthetic diagnosis)`;
  return { list, warnings: skipped.length ? [warning] : [] };
}

/** The expected cohort `days` on, as weights on the day-0 rows (priority's capacity line a year on). */
export interface CohortAhead {
  readonly days: number;
  /** Per day-0 row: its expected presence e^(−μ·days) plus its share of its diagnosis's arrivals still in. */
  readonly weight: Float64Array;
  /** Diagnoses with arrivals but no day-0 patient to stand for them (their arrivals are left out). */
  readonly unrepresented: readonly string[];
}

/**
 * The cohort expected `days` on under the scenario's arrivals, departures and growth, as weights on the day-0
 * rows: row i of diagnosis d weighs e^(−μᵢ·days) + A_d / N_d, where A_d = {@link arrivalsPresent}(d's arrival
 * rate, growth, mean μ of d's day-0 patients, days) is the expected number of d's arrivals still in the cohort
 * and N_d the day-0 patients of d (new patients are taken to look like them). The streams are the simulator's
 * (diagnoses the generator cannot draw have none). Undefined for a closed cohort. O(n).
 * @example cohortAhead(scenario, table, 365)?.weight.reduce((a, b) => a + b, 0); // expected cohort size a year on
 */
export function cohortAhead(scenario: Scenario, table: PatientTable, days: number): CohortAhead | undefined {
  const departures = departureRates(table, scenario);
  const dx = findColumn(table, 'diagnosis');
  const n = table.ids.length;
  const diagnoses: Diagnoses = dx?.kind === 'categorical'
    ? { n, diagnosis: Int32Array.from(dx.codes), diagnosisNames: dx.levels }
    : { n, diagnosis: new Int32Array(n).fill(-1), diagnosisNames: [] };
  const { list } = simulatedStreams(diagnoses, departures, scenario);
  if (list.length === 0 && departures.every((r) => r === 0)) return undefined;
  const count = new Float64Array(diagnoses.diagnosisNames.length), muSum = new Float64Array(count.length);
  diagnoses.diagnosis.forEach((d, i) => { if (d >= 0) { count[d]!++; muSum[d]! += departures[i]!; } });
  const perPatient = new Float64Array(count.length);
  const unrepresented: string[] = [];
  for (const s of list) {
    const d = diagnoses.diagnosisNames.indexOf(s.diagnosis);
    if (d < 0 || count[d] === 0) { unrepresented.push(s.diagnosis); continue; }
    const stillIn = arrivalsPresent(s.ratePerDay, scenario.cohort.growth_per_year, muSum[d]! / count[d]!, days);
    perPatient[d] = stillIn / count[d]!;
  }
  const weight = Float64Array.from(departures, (mu, i) => {
    const d = diagnoses.diagnosis[i]!;
    return Math.exp(-mu * days) + (d >= 0 ? perPatient[d]! : 0);
  });
  return { days, weight, unrepresented };
}

/**
 * Score an arrival pool like the cohort: the priority model's eligibility and score (with its dynamic terms),
 * normalised against the day-0 cohort's priority result `dayZero` (its median for missing inputs, its
 * percentiles: a new patient's score is the one it would have had in that cohort), and target membership when
 * `target` gives it (rules / segments matched on the pool's rows). O(pool).
 * @example openSimCohort(scenario, table, simCohort, priorityPoolScorer(scenario, priority.result));
 */
export function priorityPoolScorer(scenario: Scenario, dayZero: Pick<PriorityResult, 'normalisation'>,
  target?: (pool: PatientTable) => Uint8Array): (pool: PatientTable) => CohortInputs {
  return (pool) => {
    const member = target?.(pool);
    const triggerGdl = thresholdsFromTable(pool, scenario.clinical).triggerGdl;
    const clinicOnly = regimensFromTable(pool, scenario.regimen).exchange;
    const against = dayZero.normalisation;
    const r = scorePatients(pool, scenario.priority, { triggerGdl, clinicOnly, against, ...(member ? { targetMember: member } : {}) });
    return { eligible: r.eligible, ...dynamicScoreInputs(r), ...(member ? { target: member } : {}) };
  };
}
