import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { streams } from '../../src/random/index.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { LegSource } from '../../src/service/index.js';
import type { SimCohort, SimulationResult } from '../../src/sim/index.js';
import {
  metricNames, policyFactory, runRandom, settingsFromScenario, simCohortFromTable, simulatePolicies, simulateRun, simulationTables,
} from '../../src/sim/index.js';
import type { RunResult } from '../../src/sim/index.js';
import { expectClose } from '../helpers/close.js';

// 10 h shifts + 2 h overtime, 1 h pick-up: two 2-unit round trips (2 × (4.7 + 1 + travel)) never fit 12 h,
// two chained visits to neighbours (9.4 + 1 + (travel A + leg + travel B) / 60) often do
const scenario = parseScenario(`
program: { nurses: 2, shift_hours: 10, overtime_max_hours: 2, pickup_hours: 1, home_units_per_day: 20 }
simulation: { horizon_days: 120, warmup_days: 14, replications: 2, policies: [priority_greedy] }
`, 'x.yaml').scenario;
const settings = settingsFromScenario(scenario);
const { table } = synthesizeCohort(150, streams(scenario.seed));
const base = simCohortFromTable(table, {}, scenario.clinical);

/** Homes scattered over a 2 km square (a town), drawn from their own stream. */
function townLegs(n: number): LegSource {
  const rng = streams(5).stream('test/homes');
  const coordinate = () => Float64Array.from({ length: n }, () => 2 * rng.next());
  const a = coordinate(), b = coordinate();
  return { kind: 'xy_km', a, b, fixedMin: 8, minPerKm: 1.1 };
}

async function run(cohort: SimCohort): Promise<SimulationResult> {
  return simulatePolicies(cohort, settings, scenario.seed, { policies: ['priority_greedy'] });
}

const mean = (r: SimulationResult, metric: string): number =>
  r.table.find((x) => x.policy === 'priority_greedy' && x.metric === metric)!.mean;

describe('simulator: two home visits chained on one trip', () => {
  it('with coordinates, nurses chain visits: more home transfusions, nurse-days within 12 h and 2 visits', async () => {
    const plain = await run(base);
    const chained = await run({ ...base, legs: townLegs(base.n) });
    const chains = chained.replications.flatMap((r) => r.runs.map((x) => x.checks.chainedVisits))
      .reduce((a, b) => a + b, 0);
    expect(chains).toBeGreaterThan(0);
    expect(plain.replications.flatMap((r) => r.runs.map((x) => x.checks.chainedVisits))).toEqual([0, 0, 0, 0]);
    expect(mean(chained, 'home_transfusions')).toBeGreaterThan(mean(plain, 'home_transfusions'));
    for (const r of chained.replications) {
      for (const x of r.runs) {
        expect(x.checks.maxNurseHoursPerNurseDay).toBeLessThanOrEqual(12 + 1e-9);
        expect(x.checks.maxVisitsPerNurseDay).toBeLessThanOrEqual(2);
        expect(x.checks.doubleBookings).toBe(0);
      }
    }
  });
  it('with no usable coordinates the results are those of round trips (same seed → same tables)', async () => {
    const unknown = new Float64Array(base.n).fill(Number.NaN);
    const none: LegSource = { kind: 'xy_km', a: unknown, b: unknown, fixedMin: 8, minPerKm: 1.1 };
    const plain = simulationTables(await run(base));
    const withNone = simulationTables(await run({ ...base, legs: none }));
    expect(withNone).toEqual(plain);
    expect(metricNames(base, 14)).toEqual(metricNames({ ...base, legs: none }, 14));
  });
});

async function runOnce(cohort: SimCohort, st = settings): Promise<RunResult> {
  const random = runRandom(streams(scenario.seed), 0, false);
  return simulateRun({ cohort, settings: st, factory: policyFactory('priority_greedy'), random, policyName: 'priority_greedy' });
}

describe('simulator: what a chained trip counts (nurse km, minutes out of the fridge)', () => {
  it('invariant: with chaining the run\'s nurse km ≤ the same visits\' round-trip km (km_avoided); equal without', async () => {
    // no failed visits here: a failed visit drives too (nurse km) but avoids no patient km
    const sure = { ...settings, sim: { ...settings.sim, home_no_show_probability: 0, failed_access_probability: 0 } };
    const plain = (await runOnce(base, sure)).counters;
    expectClose(plain.nurseKm, plain.kmAvoided, { rel: 1e-12 }); // round trips: 2 × distance_km a home transfusion
    const r = await runOnce({ ...base, legs: townLegs(base.n) }, sure);
    expect(r.checks.chainedVisits).toBeGreaterThan(0);
    expect(r.counters.nurseKm).toBeLessThan(r.counters.kmAvoided);
  });

  // Six alike patients, one nurse: 1 unit, 35 min and 20 km from the bank, 25 min between any two homes (a matrix).
  // Round trip 1.8 + 0.5 + 0.6 + 1 + 70/60 = 5.07 h: two do not fit the 10 h day; chained 5.8 + 1 + 95/60 = 8.38 h do.
  const n = 6, f = (v: number) => new Float64Array(n).fill(v);
  const minutes = Float32Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 0 : 25));
  const alike: SimCohort = {
    ...base, n, triggerGdl: f(8), floorGdl: f(7), declinePerDay: f(0.5), unitsPerEpisode: new Int32Array(n).fill(1), incrementPerUnit: f(1),
    travelMinOneWay: f(35), distanceKm: f(20), eligible: new Uint8Array(n).fill(1), score: Float64Array.from({ length: n }, (_, i) => i),
    target: new Uint8Array(n).fill(1), segment: new Int32Array(n).fill(-1), segmentNames: [], diagnosis: new Int32Array(n).fill(-1),
    diagnosisNames: [], bloodGroup: new Int8Array(n).fill(0), legs: { kind: 'matrix', n, minutes },
  };
  const alikeSettings = (simulation: string) => settingsFromScenario(parseScenario(`
program: { nurses: 1, pickup_hours: 1, home_units_per_day: 20 }
blood: { transport_box: true, transport_box_min: 120 }
simulation: { horizon_days: 150, warmup_days: 0, lab_interval_days: 1, failed_access_probability: 0, reaction_probability_per_unit: 0, ${simulation} }
`, 'x.yaml').scenario);

  it('hand case, every home visit a no-show: a round trip\'s unit is back in 70 + 15 = 85 min (kept), a chain\'s in 35 + 15 + 25 + 15 + 35 = 125 min > 2 h (wasted)', async () => {
    const st = alikeSettings('home_no_show_probability: 1');
    const r = await runOnce(alike, st);
    const c = r.counters, chains = r.checks.chainedVisits;
    expect(chains).toBeGreaterThan(0);
    expect(c.homeTransfusions).toBe(0);
    expect(c.unitsWasted).toBe(2 * chains); // both stops' units of every chain, 1 unit each
    expect(c.unitsReturned).toBe(c.unitsReleased - 2 * chains);
    const roundTrips = (await runOnce({ ...alike, legs: undefined }, st)).counters;
    expect(roundTrips.unitsReleased).toBeGreaterThan(0);
    expect(roundTrips.unitsWasted).toBe(0);
    expect(roundTrips.unitsReturned).toBe(roundTrips.unitsReleased);
    // the nurse drove to every no-show: 40 km a round trip, 54.29 km a chain (next test), though nobody was transfused
    const attempts = roundTrips.homeNoShows;
    expect(attempts).toBeGreaterThan(0);
    expectClose(roundTrips.nurseKm, 40 * attempts, { rel: 1e-12 });
    expectClose(c.nurseKm, 40 * (c.homeNoShows - 2 * chains) + chains * (20 + (25 * 40) / 70 + 20), { rel: 1e-12 });
  });

  it('hand case, no failures: a chain drives 20 + 25 × 40/70 + 20 = 54.29 km (leg at the pair\'s km per minute), 40 km a round trip', async () => {
    const r = await runOnce(alike, alikeSettings('home_no_show_probability: 0'));
    const c = r.counters, chains = r.checks.chainedVisits;
    expect(chains).toBeGreaterThan(0);
    const chainKm = 20 + (25 * 40) / 70 + 20;
    expectClose(c.nurseKm, 40 * (c.homeTransfusions - 2 * chains) + chains * chainKm, { rel: 1e-12 });
    expect(c.kmAvoided).toBe(40 * c.homeTransfusions);
  });
});
