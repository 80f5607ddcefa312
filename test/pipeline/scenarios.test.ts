import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { runOutputs } from '../../src/report/write.js';
import { loadScenarioFile, validateScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';

/** Small enough that every shipped scenario runs end to end in the suite within seconds. */
const SMALL_COHORT = 80;

/** The scenario with its expensive knobs turned down (everything else as shipped). */
function shrink(s: Scenario): unknown {
  return {
    ...s,
    cohort: s.cohort.source === 'synthetic' ? { ...s.cohort, patients: SMALL_COHORT } : s.cohort,
    segment: { ...s.segment, members: 10, k_max: 4 },
    rules: { ...s.rules, bootstrap: 0 },
    priority: { ...s.priority, robustness: { ...s.priority.robustness, draws: 0 } },
    // HiGHS: on models this small 'auto' picks javascript-lp-solver, which can spend its whole time limit without an integer solution
    optimize: { ...s.optimize, horizon_days: 7, solver: 'highs' },
    simulation: { ...s.simulation, horizon_days: 42, warmup_days: 7, replications: 2 },
  };
}

describe('every shipped scenario', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
  it('ships the three documented scenarios', () => {
    expect(files).toEqual(expect.arrayContaining(['home-transfusion.yaml', 'quick.yaml', 'staffing-sweep.yaml']));
  });
  for (const f of files) {
    it(`${f} validates and runs (shrunk: ${SMALL_COHORT} patients, short horizons) to a report`, async () => {
      const loaded = loadScenarioFile(join('scenarios', f));
      const small = validateScenario(shrink(loaded.scenario), loaded.file, loaded.baseDir);
      const result = await runPipeline(small);
      const names = (await runOutputs(result, { png: false })).map((o) => o.name);
      expect(names).toEqual(expect.arrayContaining(['summary.json', 'report.html', 'plan.csv', 'policies.csv']));
      expect(result.pending).toEqual([]);
    });
  }
});
