/**
 * Encodings: bytes that are not UTF-8 are an error naming the first bad row (never U+FFFD ids that silently
 * merge patients), unless the file's encoding is given with --encoding.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/data/encoding.js';
import { InputError } from '../../src/errors.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { cohortRows, csvText } from './fixtures.js';

const dir = tempDir('rel-enc-');
const rows = cohortRows();
rows[3]![0] = 'José-1';
rows[4]![0] = 'José-2';
const latin1 = join(dir, 'latin1.csv');
writeFileSync(latin1, Buffer.from(csvText(rows), 'latin1'));

describe('input encodings', () => {
  it('a Latin-1 file read as UTF-8: exit 2 naming row 4, nothing written', () => {
    const r = runCli(['segment', '--data', latin1, '--schema', 'builtin', '--k', '2', '--out', join(dir, 'seg')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/latin1\.csv, row 4: bytes that are not UTF-8 .*--encoding latin1/);
  });

  it('--encoding latin1 reads it: both accented ids kept apart, written as UTF-8', () => {
    const out = join(dir, 'seg-latin1');
    const r = runCli(['segment', '--data', latin1, '--schema', 'builtin', '--k', '2', '--encoding', 'latin1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const ids = readFileSync(join(out, 'segments.csv'), 'utf8').split('\n').map((l) => l.split(',')[0]);
    expect(ids).toContain('José-1');
    expect(ids).toContain('José-2');
  });

  it('decodeText: strict UTF-8 names the line; latin1, windows-1252 and utf16le decode', () => {
    expect(() => decodeText(Buffer.from('a\nb\nc\xff\n', 'latin1'), 'f.csv')).toThrow(InputError);
    try {
      decodeText(Buffer.from('a\nb\nc\xff\n', 'latin1'), 'f.csv');
    } catch (e) {
      expect((e as InputError).issues[0]!.row).toBe(3);
    }
    expect(decodeText(Buffer.from([0x4a, 0xe9]), 'f', 'latin1')).toBe('Jé');
    expect(decodeText(Buffer.from([0x80]), 'f', 'windows-1252')).toBe('€');
    expect(decodeText(Buffer.from('hé', 'utf16le'), 'f', 'utf16le')).toBe('hé');
    expect(decodeText(Buffer.from('\ufeffid\n', 'utf8'), 'f')).toBe('\ufeffid\n');
  });

  it('an unknown --encoding is a usage error (exit 2)', () => {
    expect(runCli(['segment', '--data', latin1, '--encoding', 'ebcdic', '--out', join(dir, 'x')]).code).toBe(2);
  });
});
