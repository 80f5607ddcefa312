/**
 * The open cohort (issue 16 item 6): the arrival process's closed forms, the steady state against Little's law
 * (an M/M/∞ population: arrivals × mean stay), growth, common random numbers across policies, and sweeps.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { openSimCohort, priorityPoolScorer } from '../../src/openCohort.js';
import { scorePatients } from '../../src/priority/index.js';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { meanCi } from '../../src/stats/index.js';
import type { PolicyRun, SimCohort } from '../../src/sim/index.js';
import { emptyTrace, metricNames, policyFactory, runMetrics, runRandom, runReplication, settingsFromScenario, simCohortFromTable, simulateRun } from '../../src/sim/index.js';
import { arrivalTime, cumulativeArrivals } from '../../src/sim/model/arrivals.js';
import { appendArrivalPool } from '../../src/sim/model/openCohort.js';
import { mixedCohort } from '../helpers/simCohort.js';
import { parseVary } from '../../src/sweep/vary.js';
import { expectClose } from '../helpers/close.js';

/** Closed forms evaluated in doubles: a few ulps. */
const CLOSED_FORM_REL = 1e-12;
const ALL_DIAGNOSES = ['mds', 'myelofibrosis', 'aplastic_anaemia', 'thalassaemia', 'solid_tumour', 'haematological_malignancy',
  'ckd_chronic_disease', 'gi_bleeding', 'sickle_cell'];

describe('arrival process: Λ(t) and its inverse', () => {
  it('hand-computed: constant rate, and a rate that doubles in a year', () => {
    expect(arrivalTime(2, 0, 10)).toBe(5);
    expect(cumulativeArrivals(2, 0, 5)).toBe(10);
    // r = 1 a day doubling yearly: Λ(365) = 365 / ln 2 · (2 − 1) ≈ 526.58
    expectClose(cumulativeArrivals(1, 1, 365), 365 / Math.LN2, { rel: CLOSED_FORM_REL });
    for (const e of [0.5, 10, 400, 2000]) expectClose(cumulativeArrivals(0.7, 0.2, arrivalTime(0.7, 0.2, e)), e, { rel: CLOSED_FORM_REL });
    expect(arrivalTime(0, 0.2, 1)).toBe(Infinity);
  });
});

interface OpenRun { cohort: SimCohort; runs: PolicyRun[][]; n0: number; horizon: number }

async function simulateOpen(cohortKeys: Record<string, unknown>, patients: number, horizon: number, reps: number,
  policies: ('clinic_only' | 'priority_greedy')[] = ['clinic_only']): Promise<OpenRun> {
  const input = { cohort: { source: 'synthetic', patients, ...cohortKeys }, simulation: { horizon_days: horizon, warmup_days: 7 } } as ScenarioInput;
  const sc = validateScenario(input, 't.yaml').scenario;
  const { table } = synthesizeCohort(patients, streams(sc.seed));
  const base = simCohortFromTable(table, {}, sc.clinical, sc.regimen);
  const { cohort } = openSimCohort(sc, table, base, priorityPoolScorer(sc, scorePatients(table, sc.priority)));
  const settings = settingsFromScenario(sc);
  const runs: PolicyRun[][] = [];
  for (let rep = 0; rep < reps; rep++) runs.push([...(await runReplication({ cohort, settings, seed: sc.seed, rep, policies, timeseries: false })).runs]);
  return { cohort, runs, n0: patients, horizon };
}

describe('steady state (Little): population = arrivals × mean stay', () => {
  it('120 a year arriving, each staying 1 year on average, from 120: the population stays at 120 (30 replications, 95% CI)', async () => {
    // λ = (6 + 4) a month = 120 a year; departures 1 a patient-year → mean stay W = 1 year; L = λW = 120.
    // Started at N0 = L, an M/M/∞ population has E[N(t)] = N0·e^(−t) + L·(1 − e^(−t)) = 120 at every t.
    const departures = Object.fromEntries(ALL_DIAGNOSES.map((d) => [d, 1]));
    const o = await simulateOpen({ arrivals_per_month: { mds: 6, solid_tumour: 4 }, departures_per_year: departures }, 120, 730, 30);
    const meanPop = meanCi(o.runs.map((r) => r[0]!.checks.populationDays / o.horizon));
    const endPop = meanCi(o.runs.map((r) => r[0]!.checks.populationEnd));
    expect(meanPop.ciLow).toBeLessThanOrEqual(120);
    expect(meanPop.ciHigh).toBeGreaterThanOrEqual(120);
    expect(endPop.ciLow).toBeLessThanOrEqual(120);
    expect(endPop.ciHigh).toBeGreaterThanOrEqual(120);
    // and far from a population that forgot the arrivals (everyone leaving: 120·(1 − e^(−2))/2 ≈ 52 on average)
    expect(meanPop.ciLow).toBeGreaterThan(100);
    // arrivals over 2 years: 240 expected (Poisson; CI over replications)
    const arrivals = meanCi(o.runs.map((r) => r[0]!.checks.arrivals));
    expect(arrivals.ciLow).toBeLessThanOrEqual(240);
    expect(arrivals.ciHigh).toBeGreaterThanOrEqual(240);
    for (const r of o.runs) expect(r[0]!.checks.arrivalsBeyondPool).toBe(0);
  });

  it('departures only (1 a patient-year, no arrivals): 200 · e^(−1) ≈ 73.6 left after a year', async () => {
    const departures = Object.fromEntries(ALL_DIAGNOSES.map((d) => [d, 1]));
    const o = await simulateOpen({ arrivals_per_month: {}, departures_per_year: departures }, 200, 365, 30);
    const endPop = meanCi(o.runs.map((r) => r[0]!.checks.populationEnd));
    expect(endPop.ciLow).toBeLessThanOrEqual(200 * Math.exp(-1));
    expect(endPop.ciHigh).toBeGreaterThanOrEqual(200 * Math.exp(-1));
    for (const r of o.runs) expect(r[0]!.checks.arrivals).toBe(0);
  });

  it('balanced arrivals with growth 20% a year and no departures: 1.2 × the cohort after a year', async () => {
    // balanced, no departures: N_d·ln(1.2)/365 a day growing ×1.2^(t/365) → Λ(365) = N·ln1.2/365 · 365/ln1.2 · 0.2 = 0.2 N
    const o = await simulateOpen({ growth_per_year: 0.2 }, 200, 365, 30);
    const endPop = meanCi(o.runs.map((r) => r[0]!.checks.populationEnd));
    expect(endPop.ciLow).toBeLessThanOrEqual(240);
    expect(endPop.ciHigh).toBeGreaterThanOrEqual(240);
    expect(endPop.ciLow).toBeGreaterThan(220);
  });
});

describe('open cohort in the service model', () => {
  it('every policy in a replication sees the same arrivals and departures (common random numbers)', async () => {
    const o = await simulateOpen({ growth_per_year: 0.3, departures_per_year: { mds: 0.5, solid_tumour: 2 }, palliative_departures_per_year: 3 },
      150, 180, 2, ['clinic_only', 'priority_greedy']);
    for (const [a, b] of o.runs) {
      expect(a!.checks.arrivals).toBeGreaterThan(0);
      expect(a!.checks.departures).toBeGreaterThan(0);
      expect(b!.checks.arrivals).toBe(a!.checks.arrivals);
      expect(b!.checks.departures).toBe(a!.checks.departures);
      expect(b!.checks.populationDays).toBe(a!.checks.populationDays);
      expect(b!.checks.doubleBookings).toBe(0);
    }
  });

  it('eligible_served_home_share counts only eligible patients present after the warm-up (pool ≫ arrivals)', async () => {
    // 40 on day 0 leaving at 1 a patient-year, ≈ 0.02 × 365 ≈ 7 arrivals a year drawn from a pool of 200
    const base = mixedCohort(3, 40), pool = mixedCohort(4, 200);
    const withDx = (c: SimCohort): SimCohort => ({ ...c, diagnosis: new Int32Array(c.n), diagnosisNames: ['x'] });
    const cohort = appendArrivalPool(withDx(base), withDx(pool), [{ diagnosis: 'x', ratePerDay: 0.02, poolSize: 200 }], 0,
      new Float64Array(240).fill(1 / 365));
    const settings = settingsFromScenario(validateScenario({ simulation: { horizon_days: 365, warmup_days: 60 } }, 't.yaml').scenario);
    for (let seed = 1; seed <= 3; seed++) {
      const trace = emptyTrace();
      const r = await simulateRun({ cohort, settings, factory: policyFactory('priority_greedy'), random: runRandom(streams(seed), 0, false), policyName: 'priority_greedy', trace });
      // independently, from the arrival and departure trace: in at some time after day 60
      const arrived = new Set([...Array.from({ length: 40 }, (_, i) => i), ...trace.arrivals.map((a) => a.patient)]);
      const leftEarly = new Set(trace.departures.filter((d) => d.time <= 60).map((d) => d.patient));
      const present = [...arrived].filter((i) => cohort.eligible[i] === 1 && !leftEarly.has(i)).length;
      let allEligible = 0;
      for (let i = 0; i < cohort.n; i++) allEligible += cohort.eligible[i]!;
      expect(trace.arrivals.length).toBeLessThan(30); // the pool is far larger than the arrivals …
      expect(allEligible).toBeGreaterThan(4 * present); // … so counting it would shrink the share several-fold
      expect(r.service!.eligiblePatientsPresent).toBe(present);
      const served = new Set(trace.homeVisits.filter((v) => v.day >= 60 && cohort.eligible[v.patient] === 1).map((v) => v.patient)).size;
      expect(served).toBeGreaterThan(0);
      const share = runMetrics(r, cohort, settings)[metricNames(cohort, settings.withinDays).indexOf('eligible_served_home_share')]!;
      expectClose(share, served / present, { rel: CLOSED_FORM_REL });
    }
  });

  it('the default scenario stays closed: the simulator cohort is the day-0 cohort unchanged', () => {
    const sc = validateScenario({ cohort: { source: 'synthetic', patients: 50 } }, 't.yaml').scenario;
    const { table } = synthesizeCohort(50, streams(sc.seed));
    const base = simCohortFromTable(table, {}, sc.clinical, sc.regimen);
    expect(openSimCohort(sc, table, base, priorityPoolScorer(sc, scorePatients(table, sc.priority))).cohort).toBe(base);
  });

  it('--vary cohort.growth_per_year=0,0.1,0.2 is a sweep factor', () => {
    const loaded = validateScenario({}, 't.yaml');
    const [f] = parseVary(['cohort.growth_per_year=0,0.1,0.2'], loaded);
    expect(f!.path).toBe('cohort.growth_per_year');
    expect(f!.levels).toEqual([0, 0.1, 0.2]);
  });
});
