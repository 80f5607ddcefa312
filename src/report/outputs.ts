/**
 * All-or-nothing output: every file is written to a temporary name in its final folder, and only when all
 * are written are they renamed into place. A failure leaves no partial result behind.
 */
import { accessSync, constants, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';

export interface OutputFile {
  /** Path relative to the output folder, e.g. `segments.csv` or `charts/k.svg`. */
  readonly name: string;
  readonly content: string | Uint8Array;
}

/**
 * Check that `dir` is a writable folder, or could be created (its nearest existing ancestor is a writable
 * folder). Creates nothing. Throws {@link InputError} (exit 2) otherwise. Call it before long work.
 */
export function ensureWritableDir(dir: string): void {
  let target = resolve(dir);
  let exists = existsSync(target);
  while (!exists) {
    const parent = dirname(target);
    if (parent === target) break;
    target = parent;
    exists = existsSync(target);
  }
  try {
    if (!statSync(target).isDirectory()) throw new Error(`${target} exists and is not a folder`);
    accessSync(target, constants.W_OK);
    // root passes access() everywhere; a real write catches read-only mounts and permission bits alike
    const probe = join(target, `.carestrata-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    const msg = e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e);
    throw new InputError([{ code: 'output_not_writable', path: dir, message: `output folder is not writable: ${msg}` }]);
  }
}

/**
 * Write every file into `dir`, atomically as a set: temporary files first, renamed at the end.
 * @example
 * writeOutputs('results', [{ name: 'plan.csv', content: 'day,patient_id\n' }]);
 */
export function writeOutputs(dir: string, files: readonly OutputFile[]): string[] {
  ensureWritableDir(dir);
  mkdirSync(dir, { recursive: true });
  const staged: { tmp: string; final: string }[] = [];
  try {
    for (const f of files) {
      const final = join(dir, f.name);
      mkdirSync(dirname(final), { recursive: true });
      const tmp = `${final}.tmp-${process.pid}`;
      writeFileSync(tmp, f.content);
      staged.push({ tmp, final });
    }
  } catch (e) {
    for (const s of staged) rmSync(s.tmp, { force: true });
    throw new InputError([{ code: 'write_failed', path: dir, message: `could not write outputs: ${(e as Error).message}` }]);
  }
  for (const s of staged) renameSync(s.tmp, s.final);
  return staged.map((s) => s.final);
}

// The CSV text helpers are pure and live in src/data (stages use them without importing file-writing code).
export { csvField, formatNumber, toCsv } from '../data/csvText.js';
