/**
 * Issue 17, item 5: results independent of the clock. The same small sweep runs on a quiet machine and again
 * with a busy loop on every core; every output file must be byte-identical. It fails when a solver's stopping
 * point depends on the wall clock, or when a file records a timing (points.jsonl used to carry `ms`, sweep.html
 * the compute time).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planAllocation } from '../../src/optimize/index.js';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';
import { costs, patient, program, settings } from '../optimize/fixtures.js';

const SCENARIO = 'test/reliability/determinism.yaml';
const SWEEP = ['--vary', 'program.nurses=1..2', '--replications', '1', '--workers', '2'];
/** A busy loop ends by itself after this long even if the test dies before killing it. */
const BUSY_MAX_SEC = 240;
const TEST_TIMEOUT_MS = 480_000;

function busyLoops(n: number): ChildProcess[] {
  const code = `const end = Date.now() + ${BUSY_MAX_SEC * 1000}; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1);`;
  return Array.from({ length: n }, () => spawn(process.execPath, ['-e', code], { stdio: 'ignore' }));
}

describe('determinism under load (item 5)', () => {
  const root = tempDir('carestrata-load-');
  const busy: ChildProcess[] = [];
  afterAll(() => { for (const p of busy) p.kill('SIGKILL'); });

  it('a sweep on a quiet machine and with a busy loop on every core writes byte-identical files', () => {
    const quiet = join(root, 'quiet');
    const q = runCli(['sweep', SCENARIO, ...SWEEP, '--out', quiet]);
    expect(q.code, q.stderr).toBe(0);
    busy.push(...busyLoops(availableParallelism()));
    const loaded = join(root, 'busy');
    const b = runCli(['sweep', SCENARIO, ...SWEEP, '--out', loaded]);
    for (const p of busy) p.kill('SIGKILL');
    expect(b.code, b.stderr).toBe(0);
    const files = listFiles(quiet);
    expect(files).toContain('sweep.csv');
    expect(listFiles(loaded)).toEqual(files);
    for (const f of files) expect(readFileSync(join(loaded, f)).equals(readFileSync(join(quiet, f))), f).toBe(true);
    // the scenario's solves stop at the node limit (work_limit), never at the clock
    const points = readFileSync(join(quiet, 'points.jsonl'), 'utf8');
    expect(points).not.toMatch(/depend on machine|time_limit/);
    expect(points).not.toMatch(/"ms":/);
  }, TEST_TIMEOUT_MS);
});

describe('solver stops: by work (deterministic) or by the clock (flagged)', () => {
  const instance = () => {
    const patients = Array.from({ length: 12 }, (_, i) =>
      patient(`p${i}`, { score: 10 + 3 * i, hbNowGDl: 7.4 + (i % 5) * 0.5, hbDeclinePerWeek: 3 + (i % 3), hbIncrementPerUnit: 1.5, unitsPerEpisode: 1 + (i % 2), eligible: i % 4 !== 0, travelMinOneWay: 20 + 3 * i, distanceKm: 2 * i }));
    return [patients, program({ max_visits_per_nurse_per_day: 2, clinic_chairs: 1, clinic_hours_per_day: 3 }), costs({ chair_hour_cost: 60 }), settings({ horizon_days: 10, mip_gap: 0, max_nodes: 1 })] as const;
  };

  it('a node limit gives the same plan twice and never the load flag', async () => {
    const [p, prog, c, s] = instance();
    const a = await planAllocation(p, prog, c, s, { solver: 'highs', guard: 'inline' });
    const b = await planAllocation(p, prog, c, s, { solver: 'highs', guard: 'inline' });
    expect(['optimal', 'work_limit']).toContain(a.status);
    expect(a.loadDependent).toBe(false);
    expect(b.assignments).toEqual(a.assignments);
  });

  it('a plan the clock stops is time_limit, flagged load-dependent, with a warning naming the knobs', async () => {
    // A larger instance with a knapsack-like daily unit cap, so that neither the LP nor a first MIP run settles it
    // within the guard's shortest slice (10 ms).
    const patients = Array.from({ length: 80 }, (_, i) =>
      patient(`q${i}`, { score: 10 + 7 * (i % 13), hbNowGDl: 7.4 + (i % 5) * 0.3, hbDeclinePerWeek: 2 + (i % 3), hbIncrementPerUnit: 1.2, unitsPerEpisode: 1 + (i % 3), eligible: i % 5 !== 0, travelMinOneWay: 15 + (i % 17), distanceKm: 3 + (i % 11) }));
    const [p, prog, c, s] = [patients, program({ nurses: 3, max_visits_per_nurse_per_day: 3, home_units_per_day: 5, clinic_chairs: 2, clinic_hours_per_day: 4 }), costs({ chair_hour_cost: 60 }),
      settings({ horizon_days: 21, mip_gap: 0, max_nodes: 1_000_000, time_limit_sec: 1e-6 })] as const;
    const plan = await planAllocation(p, prog, c, s, { solver: 'highs', guard: 'inline' });
    expect(plan.status).toBe('time_limit');
    expect(plan.loadDependent).toBe(true);
    expect(plan.warnings.join(' ')).toMatch(/depends on machine load.*max_nodes/);
  });
});
