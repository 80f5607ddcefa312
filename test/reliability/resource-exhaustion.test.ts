/**
 * Resource exhaustion: a YAML alias bomb, an absurd staffing number and a run too big for the machine all end
 * in exit 2 with one clear line, quickly, and write nothing.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkResources } from '../../src/cli/resources.js';
import { InputError } from '../../src/errors.js';
import { estimateRun } from '../../src/scenario/estimate.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir('rel-exhaust-');

/** Nine anchors each nine times the last: 9^7 ≈ 4.8 million strings once expanded. */
function aliasBomb(): string {
  const lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i <= 7; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  return lines.join('\n') + '\n';
}

describe('resource exhaustion ends in exit 2', () => {
  it('a YAML alias bomb: exit 2 naming the file, in well under the time it would take to expand', () => {
    const bomb = join(dir, 'bomb.yaml');
    writeFileSync(bomb, aliasBomb());
    const t0 = Date.now();
    const r = runCli(['validate', bomb]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*bomb\.yaml.*YAML aliases expand too far/);
    expect(r.stderr).not.toMatch(/ at /); // no stack trace
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('program.nurses: 1e9 is refused by the scenario schema (exit 2), not run until memory is full', () => {
    const s = join(dir, 'nurses.yaml');
    writeFileSync(s, 'seed: 1\nprogram:\n  nurses: 1e9\n');
    const r = runCli(['simulate', '--scenario', s, '--out', join(dir, 'sim')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/program\.nurses: Too big: expected number to be <=1000/);
    expect(existsSync(join(dir, 'sim'))).toBe(false);
  });

  it('a run that cannot fit the machine is refused before it starts, naming the knob to turn', () => {
    const s = join(dir, 'huge.yaml');
    writeFileSync(s, 'seed: 1\ncohort: { source: synthetic, patients: 5000000 }\nsimulation: { replications: 10000, horizon_days: 3650 }\n');
    const t0 = Date.now();
    const r = runCli(['run', s, '--out', join(dir, 'huge')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/this run needs about [\d.]+ GB of memory and the machine has [\d.]+ GB; lower [a-z_.]+/);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(existsSync(join(dir, 'huge'))).toBe(false);
  });

  it('the estimate grows with each knob and the refusal names the largest term (machine size given)', () => {
    const base = parseScenario('seed: 1\n', 'x.yaml');
    const small = estimateRun(base.scenario, 1200);
    expect(estimateRun(base.scenario, 12_000).bytes).toBeGreaterThan(small.bytes);
    // an open cohort's arrival pool is simulated too: 100,000 arrivals a month for a year ≈ 1.2 million more patients
    // (1,200,000 + 6 sd + 5 by the pool's bound), named by its knob when it does not fit
    const flood = parseScenario('seed: 1\ncohort: { source: synthetic, patients: 60, arrivals_per_month: { mds: 100000 } }\n', 'x.yaml');
    const floodEstimate = estimateRun(flood.scenario, 60);
    expect(floodEstimate.patients).toBe(60 + Math.ceil(1_200_000 + 6 * Math.sqrt(1_200_000)) + 5);
    expect(floodEstimate.terms[0]!.knob).toBe('cohort.arrivals_per_month');
    expect(estimateRun(parseScenario('seed: 1\n', 'x.yaml').scenario, 60).patients).toBe(60); // closed: no pool
    const many = parseScenario('seed: 1\nsimulation: { replications: 10000, horizon_days: 3650 }\n', 'x.yaml');
    expect(estimateRun(many.scenario, 1200).cpuSeconds).toBeGreaterThan(small.cpuSeconds * 100);
    // a command that does not simulate is not charged for the simulation
    expect(estimateRun(many.scenario, 1200, ['optimize']).bytes).toBeLessThan(estimateRun(many.scenario, 1200).bytes);
    // the default scenario fits a 4 GB laptop; a 1 GB machine is told which knob to lower
    expect(() => checkResources(base, () => {}, { machineBytes: 4 * 2 ** 30 })).not.toThrow();
    try {
      checkResources(base, () => {}, { machineBytes: 2 ** 29 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]!.path).toBe(small.terms[0]!.knob);
    }
  });

  it('sweep options that would spawn or store without bound are refused', () => {
    const s = join(dir, 'sweep.yaml');
    writeFileSync(s, 'seed: 1\ncohort: { source: synthetic, patients: 60 }\n');
    for (const extra of [['--workers', '1000000'], ['--replications', '1e9'], ['--design', 'lhs', '--points', '1e9']]) {
      const r = runCli(['sweep', s, '--vary', 'program.nurses=1..2', ...extra, '--out', join(dir, 'sw')]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(existsSync(join(dir, 'sw'))).toBe(false);
    }
  });
});
