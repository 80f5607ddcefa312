/**
 * Inputs changed: no command modifies or removes a file it read. merge reads shard folders and never rewrites
 * them (not even a torn points.jsonl); an output path equal to an input is refused with exit 2.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { COHORT } from './fixtures.js';

const TINY = 'test/sweep/tiny.yaml';

describe('inputs are never modified', () => {
  it('merge refusing an incomplete set leaves every input shard byte for byte as it was', () => {
    const root = tempDir('rel-inputs-');
    const shard = join(root, 'shard-0');
    const r = runCli(['sweep', TINY, '--vary', 'program.nurses=1..2', '--shard', '0/2', '--out', shard, '--workers', '0']);
    expect(r.code, r.stderr).toBe(0);
    const points = join(shard, 'points.jsonl');
    // a torn last line, as a killed shard leaves it
    writeFileSync(points, readFileSync(points, 'utf8') + '{"sweep":"x","po');
    const before = readFileSync(points, 'utf8');
    const m = runCli(['merge', shard, '--out', join(root, 'merged')]);
    expect(m.code).toBe(2);
    expect(readFileSync(points, 'utf8')).toBe(before);
    // merging into a shard folder would replace its manifest and points: refused
    const into = runCli(['merge', shard, '--out', shard]);
    expect(into.code).toBe(2);
    expect(readFileSync(points, 'utf8')).toBe(before);
  });

  it('an output that would replace an input file is refused (exit 2) and the input is unchanged', () => {
    const root = tempDir('rel-inputs-');
    const data = join(root, 'segments.csv');
    copyFileSync(COHORT, data);
    const before = readFileSync(data, 'utf8');
    const r = runCli(['segment', '--data', data, '--schema', 'builtin', '--k', '2', '--out', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/segments\.csv: an output would replace or remove an input of this run/);
    expect(readFileSync(data, 'utf8')).toBe(before);
    const s = runCli(['synth', '-n', '10', '--out', data]);
    expect(s.code).toBe(0); // synth reads nothing: overwriting a file it is told to write is its job
  });

  it('a scenario file named like an output (plan.csv) is not overwritten by optimize into its folder', () => {
    const root = tempDir('rel-inputs-');
    const scenario = join(root, 'plan.csv');
    writeFileSync(scenario, readFileSync(TINY, 'utf8'));
    const r = runCli(['optimize', '--scenario', scenario, '--out', root]);
    expect(r.code).toBe(2);
    expect(readFileSync(scenario, 'utf8')).toBe(readFileSync(TINY, 'utf8'));
  });
});
