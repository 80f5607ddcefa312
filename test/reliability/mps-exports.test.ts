/**
 * Issue 17, item 7 (exports): the exported MPS file is read by glpsol, cbc and HiGHS for both objective senses,
 * and each finds the optimum the internal solve found (a maximising model is exported as the minimisation of
 * its negated objective: glpsol rejects an OBJSENSE section). glpsol and cbc are Debian packages (glpk-utils,
 * coinor-cbc): each check runs when its binary is installed and says it skipped otherwise; HiGHS is the `highs`
 * npm package, always present.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleModel, loadHighs, planAllocation, toMpsText } from '../../src/optimize/index.js';
import { expectClose } from '../helpers/close.js';
import { tempDir } from '../helpers/cli.js';
import { costs, patient, program, settings } from '../optimize/fixtures.js';
import { regimenSection } from '../../src/scenario/sections/regimen.js';

/** Objectives printed by glpsol and cbc carry 7–10 significant digits; values here are ≤ 1e4. */
const PRINTED_TOL = { rel: 1e-6, abs: 1e-4 };

function installed(bin: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
}
const HAVE = { glpsol: installed('glpsol'), cbc: installed('cbc') };
for (const [bin, ok] of Object.entries(HAVE)) {
  if (!ok) console.log(`mps-exports: ${bin} is not installed (Debian ${bin === 'glpsol' ? 'glpk-utils' : 'coinor-cbc'}): its checks are skipped`);
}

function instance(objective: 'home' | 'cost') {
  const patients = Array.from({ length: 8 }, (_, i) =>
    patient(`p${i}`, { score: 10 + 7 * i, hbNowGDl: 7.5 + (i % 4) * 0.7, hbDeclinePerWeek: 3 + (i % 3), hbIncrementPerUnit: 1.5, unitsPerEpisode: 1 + (i % 2), eligible: i % 3 !== 0, travelMinOneWay: 20 + 5 * i, distanceKm: 3 * i }));
  return [patients, program({ max_visits_per_nurse_per_day: 2, clinic_chairs: 1, clinic_hours_per_day: 3 }), costs({ chair_hour_cost: 60, overflow_penalty_per_chair_hour: 200 }), settings({ horizon_days: 10, objective })] as const;
}

/** glpsol's solution report: `Objective:  obj = -123.4 (MINimum)`. */
function glpsolObjective(file: string, dir: string): number {
  const out = join(dir, 'glpsol.txt');
  const r = spawnSync('glpsol', ['--freemps', file, '-o', out], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const m = /Objective:\s+\S+\s+=\s+(\S+)\s+\(MINimum\)/.exec(readFileSync(out, 'utf8'));
  expect(m, readFileSync(out, 'utf8').slice(0, 400)).not.toBeNull();
  return Number(m![1]);
}

/** cbc's summary: `Objective value: -123.4` after `Result - Optimal solution found`. */
function cbcObjective(file: string): number {
  const r = spawnSync('cbc', [file, '-solve', '-quit'], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stdout).toMatch(/Result - Optimal solution found/);
  const m = /Objective value:\s+(\S+)/.exec(r.stdout);
  expect(m, r.stdout.slice(-400)).not.toBeNull();
  return Number(m![1]);
}

async function highsObjective(text: string): Promise<number> {
  const highs = await loadHighs();
  return highs.withModel({ format: 'mps', data: new TextEncoder().encode(text) }, (m) => {
    m.options.set({ output_flag: false, mip_rel_gap: 0 });
    m.run();
    return m.getObjectiveValue();
  });
}

describe('MPS export with exchange patients on the apheresis chairs (issue 16 item 4)', () => {
  it('HiGHS reads the exported model with apheresis_hours rows and finds the internal optimum', async () => {
    const [patients0, prog, c, s0] = instance('cost');
    const patients = patients0.map((p, i) => (i % 4 === 0 ? { ...p, procedure: 'exchange' as const } : p));
    const s = { ...s0, mip_gap: 0 };
    const request = { regimen: regimenSection.parse({ apheresis_chairs: 1, apheresis_hours_per_day: 3 }) };
    const plan = await planAllocation(patients, prog, c, s, { solver: 'highs', guard: 'inline', ...request });
    expect(plan.status).toBe('optimal');
    const text = toMpsText(assembleModel(patients, prog, c, s, request).model);
    expect(text).toMatch(/^ L {2}apheresis_hours_d\d+$/m);
    expectClose(await highsObjective(text), plan.objective!, PRINTED_TOL);
  });
});

describe('MPS export read by glpsol, cbc and HiGHS (item 7)', () => {
  for (const objective of ['home', 'cost'] as const) {
    const sense = objective === 'home' ? 'max' : 'min';
    const dir = tempDir('carestrata-mps-');
    const setup = async () => {
      const [patients, prog, c, s0] = instance(objective);
      const s = { ...s0, mip_gap: 0 };
      const plan = await planAllocation(patients, prog, c, s, { solver: 'highs', guard: 'inline' });
      expect(plan.status).toBe('optimal');
      expect(plan.sense).toBe(sense);
      const text = toMpsText(assembleModel(patients, prog, c, s).model);
      const file = join(dir, `model-${sense}.mps`);
      writeFileSync(file, text);
      // the file is always a minimisation; a maximising model's objective is negated (and a comment says so)
      const expected = sense === 'max' ? -plan.objective! : plan.objective!;
      return { text, file, expected };
    };

    it(`${sense}: no OBJSENSE section; a maximisation says in a comment that it is negated`, async () => {
      const { text } = await setup();
      expect(text).not.toMatch(/^OBJSENSE/m);
      if (sense === 'max') expect(text).toMatch(/^\* .*MAXIMISES.*negated/m);
    });
    it(`${sense}: HiGHS (npm) reads the file and finds the internal optimum`, async () => {
      const { text, expected } = await setup();
      expectClose(await highsObjective(text), expected, PRINTED_TOL);
    });
    it.skipIf(!HAVE.glpsol)(`${sense}: glpsol --freemps reads the file and finds the internal optimum`, async () => {
      const { file, expected } = await setup();
      expectClose(glpsolObjective(file, dir), expected, PRINTED_TOL);
    });
    it.skipIf(!HAVE.cbc)(`${sense}: cbc reads the file and finds the internal optimum`, async () => {
      const { file, expected } = await setup();
      expectClose(cbcObjective(file), expected, PRINTED_TOL);
    });
  }
});
