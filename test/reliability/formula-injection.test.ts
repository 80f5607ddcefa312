/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a text cell that starts with = + - @ TAB or CR is
 * written with a leading single quote in every CSV the tool writes; numbers stay numbers; files the tool wrote
 * read back with the same ids.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/data/csvText.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { cohortWithIds, csvScenario } from './fixtures.js';

const HOSTILE = ['=HYPERLINK("http://evil.example","open")', '@SUM(1+1)', '+cmd|calc', '-2+3+cmd', '=1+1'];
const dir = tempDir('rel-formula-');
const data = cohortWithIds(dir, 'cohort.csv', [...HOSTILE, '-7']);

/** Every cell of a CSV file as a spreadsheet receives it (after RFC 4180 unquoting). */
function cells(path: string): string[] {
  return (parse(readFileSync(path, 'utf8')) as string[][]).flat();
}

function dangerous(path: string): string[] {
  return cells(path).filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(c));
}

describe('formula cells are neutralised in every CSV', () => {
  it('toCsv guards =, +, -, @, TAB and CR; a number or a plain number text is left as is', () => {
    expect(toCsv(['a'], [['=1+1'], ['@x'], ['+x'], ['-x'], ['\tx'], ['\rx'], [-3.5], ['-3.5'], ['1e-4'], ['plain']]))
      .toBe(`a\n'=1+1\n'@x\n'+x\n'-x\n'\tx\n"'\rx"\n-3.5\n-3.5\n1e-4\nplain\n`);
  });

  it('segments.csv, priority.csv and plan.csv carry no live formula; ids round-trip into rules', () => {
    const seg = join(dir, 'seg');
    const s = runCli(['segment', '--data', data, '--schema', 'builtin', '--k', '2', '--out', seg]);
    expect(s.code, s.stderr).toBe(0);
    expect(dangerous(join(seg, 'segments.csv'))).toEqual([]);
    expect(cells(join(seg, 'segments.csv'))).toContain(`'${HOSTILE[0]}`);
    expect(cells(join(seg, 'segments.csv'))).toContain('-7');
    // the guarded ids still match the data file's ids
    const r = runCli(['rules', '--data', data, '--segments', join(seg, 'segments.csv'), '--schema', 'builtin', '--out', join(dir, 'rules')]);
    expect(r.code, r.stderr).toBe(0);
    const scenario = csvScenario(dir, data);
    const p = runCli(['priority', '--data', data, '--scenario', scenario, '--out', join(dir, 'prio')]);
    expect(p.code, p.stderr).toBe(0);
    expect(dangerous(join(dir, 'prio', 'priority.csv'))).toEqual([]);
    const o = runCli(['optimize', '--scenario', scenario, '--out', join(dir, 'plan')]);
    expect(o.code, o.stderr).toBe(0);
    const plan = readFileSync(join(dir, 'plan', 'plan.csv'), 'utf8');
    expect(dangerous(join(dir, 'plan', 'plan.csv'))).toEqual([]);
    expect(plan.split('\n').length).toBeGreaterThan(2);
  });
});
