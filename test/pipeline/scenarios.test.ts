import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { runOutputs } from '../../src/report/write.js';
import { loadScenarioFile, validateScenario } from '../../src/scenario/load.js';

/** Small enough that every shipped scenario runs end to end in the suite within seconds. */
const SMALL_COHORT = 80;

describe('every shipped scenario', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
  it('ships the three documented scenarios', () => {
    expect(files).toEqual(expect.arrayContaining(['home-transfusion.yaml', 'quick.yaml', 'staffing-sweep.yaml']));
  });
  for (const f of files) {
    it(`${f} validates and runs (cohort shrunk to ${SMALL_COHORT}) to a report`, async () => {
      const loaded = loadScenarioFile(join('scenarios', f));
      const small = loaded.scenario.cohort.source === 'synthetic' ? validateScenario({ ...loaded.scenario, cohort: { ...loaded.scenario.cohort, patients: SMALL_COHORT } }, loaded.file, loaded.baseDir) : loaded;
      const result = await runPipeline(small);
      const names = (await runOutputs(result, { png: false })).map((o) => o.name);
      expect(names).toEqual(expect.arrayContaining(['summary.json', 'report.html']));
    });
  }
});
