import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { streams } from '../../src/random/index.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { LegSource } from '../../src/service/index.js';
import type { SimCohort, SimulationResult } from '../../src/sim/index.js';
import {
  metricNames, settingsFromScenario, simCohortFromTable, simulatePolicies, simulationTables,
} from '../../src/sim/index.js';

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
