/**
 * Input uncertainty's outer replications: the resampled cohort is the original reindexed, each factor scales
 * what it names (checked against the noise-free model's closed form: a patient is transfused
 * horizon·decline/(units·increment) times, so doubling the decline doubles the transfusions), and the outer
 * loop is reproducible from the seed.
 */
import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import {
  metricNames, perturbInputs, resampleCohort, runReplication, settingsFromScenario, simCohortFromTable,
  simulateWithInputUncertainty,
} from '../../src/sim/index.js';
import { expectClose } from '../helpers/close.js';

const ONE = { visitTime: 1, failureRate: 1, noShowRate: 1, declineRate: 1, bootstrapped: false };

function setup(extra: ScenarioInput = {}, patients = 60) {
  const sc = validateScenario({ cohort: { source: 'synthetic', patients }, ...extra }, 't.yaml').scenario;
  const { table } = synthesizeCohort(patients, streams(sc.seed));
  return { sc, cohort: simCohortFromTable(table, {}, sc.clinical), settings: settingsFromScenario(sc) };
}

describe('resampleCohort', () => {
  it('patient j of the copy is patient index[j] of the original, in every per-patient array', () => {
    const { cohort } = setup();
    const index = Int32Array.from([5, 5, 0, 59, 12]);
    const copy = resampleCohort(cohort, index);
    expect(copy.n).toBe(5);
    for (const [k, v] of Object.entries(cohort)) {
      if (!ArrayBuffer.isView(v)) continue;
      const src = v as unknown as ArrayLike<number>, dst = (copy as unknown as Record<string, ArrayLike<number>>)[k]!;
      expect(dst.constructor).toBe(src.constructor);
      expect(Array.from(dst)).toEqual(Array.from(index, (i) => src[i]));
    }
    expect(copy.segmentNames).toBe(cohort.segmentNames);
  });
});

describe('perturbInputs', () => {
  it('scales visit time, failure and no-show probabilities (capped at 1) and decline rates', () => {
    const { cohort, settings } = setup();
    const draw = { ...ONE, visitTime: 1.5, failureRate: 20, noShowRate: 2, declineRate: 0.5 };
    const p = perturbInputs(cohort, settings, draw);
    expectClose(p.settings.program.hours_per_unit, 1.5 * settings.program.hours_per_unit, { rel: 1e-12 });
    expectClose(p.settings.program.setup_hours, 1.5 * settings.program.setup_hours, { rel: 1e-12 });
    expect(p.settings.sim.failed_access_probability).toBe(1); // 20 × 0.085 capped
    expectClose(p.settings.sim.home_no_show_probability, 2 * settings.sim.home_no_show_probability, { rel: 1e-12 });
    expectClose(p.cohort.declinePerDay[3]!, 0.5 * cohort.declinePerDay[3]!, { rel: 1e-12 });
    expect(settings.program.hours_per_unit).toBe(1.8); // the original is left alone
  });

  it('doubling the decline doubles the noise-free transfusion count (closed form, ±1 per patient)', async () => {
    const quiet = {
      lab_noise_sd_g_dl: 0, decline_noise_sd_log: 0, increment_sd_g_dl: 0, failed_access_probability: 0,
      reaction_probability_per_unit: 0, clinic_no_show_probability: 0, home_no_show_probability: 0,
      horizon_days: 364, warmup_days: 0,
    };
    const { sc, cohort, settings } = setup({ simulation: quiet }, 80);
    const p = perturbInputs(cohort, settings, { ...ONE, declineRate: 2 });
    const task = { ...p, seed: sc.seed, rep: 0, policies: ['clinic_only'] as const, timeseries: false };
    const rep = await runReplication(task);
    let expected = 0;
    for (let i = 0; i < cohort.n; i++) {
      expected += (364 * 2 * cohort.declinePerDay[i]!) / (cohort.unitsPerEpisode[i]! * cohort.incrementPerUnit[i]!);
    }
    expectClose(rep.runs[0]!.metrics[metricNames(cohort, 14).indexOf('transfusions')]!, expected, { abs: cohort.n });
  });
});

describe('simulateWithInputUncertainty', () => {
  it('draws factors within their ranges, independent inner seeds, and replays exactly from the seed', async () => {
    const simulation = { horizon_days: 60, warmup_days: 7, replications: 2, policies: ['referral' as const] };
    const { sc, cohort, settings } = setup({ simulation }, 40);
    const range = (lo: number, hi: number): [number, number] => [lo, hi];
    const u = {
      ...sc.decide.uncertainty, outer_replications: 3,
      visit_time_factor: range(0.8, 1.2), decline_rate_factor: range(1, 1),
    };
    const a = await simulateWithInputUncertainty(cohort, settings, sc.seed, u);
    const b = await simulateWithInputUncertainty(cohort, settings, sc.seed, u);
    expect(a.map((o) => o.draw)).toEqual(b.map((o) => o.draw));
    const last = (x: typeof a) => x.map((o) => Array.from(o.result.replications[1]!.runs[1]!.metrics));
    expect(last(a)).toEqual(last(b));
    for (const o of a) {
      expect(o.draw.visitTime).toBeGreaterThanOrEqual(0.8);
      expect(o.draw.visitTime).toBeLessThanOrEqual(1.2);
      expect(o.draw.declineRate).toBe(1);
    }
    expect(new Set(a.map((o) => o.seed)).size).toBe(3);
  });
});
