/**
 * Partial and mixed outputs: a command writes all of its files or none; a refusal leaves the folder as it was
 * (no `.tmp-*`, no staging folder); a second run into a folder leaves none of the first run's outputs that it
 * does not write; two outputs with one path are refused.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { writeOutputs } from '../../src/report/outputs.js';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';
import { COHORT } from './fixtures.js';

/** Every entry under `dir`, hidden ones included. */
function everything(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

describe('outputs as one transaction', () => {
  it('an output name taken by a folder: exit 2, earlier files untouched, nothing left behind', () => {
    const root = tempDir('rel-partial-');
    const out = join(root, 'seg');
    mkdirSync(join(out, 'segmentation.json'), { recursive: true });
    writeFileSync(join(out, 'segments.csv'), 'earlier\n');
    const r = runCli(['segment', '--data', COHORT, '--schema', 'builtin', '--k', '2', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/segmentation\.json: a folder has the name of an output file/);
    expect(readFileSync(join(out, 'segments.csv'), 'utf8')).toBe('earlier\n');
    expect(everything(root)).toEqual(['seg', 'seg/segmentation.json', 'seg/segments.csv']);
  });

  it('synth --out equal to --truth is refused; nothing written', () => {
    const root = tempDir('rel-partial-');
    const same = join(root, 'x.csv');
    const r = runCli(['synth', '-n', '20', '--out', same, '--truth', join(root, '.', 'x.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/two outputs of this command have the same path/);
    expect(existsSync(same)).toBe(false);
  });

  it('synth with a truth folder that cannot be written writes neither file', () => {
    const root = tempDir('rel-partial-');
    writeFileSync(join(root, 'blocker'), 'a file, not a folder\n');
    const r = runCli(['synth', '-n', '20', '--out', join(root, 'cohort.csv'), '--truth', join(root, 'blocker', 'truth.csv')]);
    expect(r.code).toBe(2);
    expect(existsSync(join(root, 'cohort.csv'))).toBe(false);
    expect(everything(root)).toEqual(['blocker']);
  });

  it('a second run into the same folder removes the first run\'s outputs it does not write, and only those', () => {
    const root = tempDir('rel-partial-');
    writeOutputs(root, [{ name: 'a.csv', content: '1\n' }, { name: 'charts/k.png', content: 'png' }, { name: 'charts/k.svg', content: 'svg' }], { set: 'run' });
    writeFileSync(join(root, 'notes.txt'), 'mine\n');
    writeOutputs(root, [{ name: 'rules.json', content: '{}\n' }], { set: 'rules' });
    writeOutputs(root, [{ name: 'a.csv', content: '2\n' }, { name: 'charts/k.svg', content: 'svg2' }], { set: 'run' });
    expect(listFiles(root)).toEqual(['a.csv', 'charts/k.svg', 'notes.txt', 'rules.json']);
    expect(readFileSync(join(root, 'a.csv'), 'utf8')).toBe('2\n');
    writeOutputs(root, [{ name: 'b.csv', content: '3\n' }], { set: 'run' });
    expect(listFiles(root)).toEqual(['b.csv', 'notes.txt', 'rules.json']);
    expect(existsSync(join(root, 'charts'))).toBe(false);
  });

  it('a failure while staging leaves the folder exactly as it was', () => {
    const root = tempDir('rel-partial-');
    writeOutputs(root, [{ name: 'a.csv', content: '1\n' }], { set: 'run' });
    const before = everything(root);
    // a file where the new set needs a folder
    writeFileSync(join(root, 'charts'), 'blocker');
    expect(() => writeOutputs(root, [{ name: 'a.csv', content: '2\n' }, { name: 'charts/k.svg', content: 'x' }], { set: 'run' })).toThrow(InputError);
    expect(everything(root)).toEqual([...before, 'charts'].sort());
    expect(readFileSync(join(root, 'a.csv'), 'utf8')).toBe('1\n');
    expect(readdirSync(dirname(root)).filter((n) => n.includes('.staging-'))).toEqual([]);
  });
});
