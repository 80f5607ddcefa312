/**
 * Outputs as one transaction. A folder command writes its whole set into a staging folder next to `--out`;
 * only when every file is written does the set move into place (one rename when the folder is new; otherwise
 * earlier files are set aside, the new ones renamed in, and everything put back if a rename fails). Outputs
 * an earlier run of the same command wrote there and this run does not are removed (the folder keeps a small
 * list of them in {@link OUTPUT_MARKER}); other commands' outputs and files carestrata did not write are never
 * touched. No output may replace or remove an
 * input of the run (see `src/data/inputs.ts`), or a folder. Every refusal is an {@link InputError} (exit 2)
 * raised before anything is written.
 */
import {
  accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { canonicalPath, isInput } from '../data/inputs.js';
import { InputError } from '../errors.js';

export interface OutputFile {
  /** Path relative to the output folder, e.g. `segments.csv` or `charts/k.svg`. */
  readonly name: string;
  readonly content: string | Uint8Array;
}

/** A file written on its own (not into an output folder), e.g. `synth --out cohort.csv`. */
export interface StandaloneFile {
  readonly path: string;
  readonly content: string | Uint8Array;
}

export interface WriteOptions {
  /**
   * Which command's outputs these are (`segment`, `rules`, `run`, …). Earlier outputs of the same set that this
   * write does not name are removed; other sets' files in the folder are left alone. Default `outputs`.
   */
  readonly set?: string;
  /** Keep the set's earlier outputs that this write does not name (a sweep's state files). Default false. */
  readonly keepEarlier?: boolean;
}

/** The files carestrata wrote into an output folder: one `set<TAB>name` a line. */
export const OUTPUT_MARKER = '.carestrata-outputs';

function refuse(code: string, path: string, message: string): never {
  throw new InputError([{ code, path, message }]);
}

/**
 * Check that `dir` is a writable folder, or could be created (its nearest existing ancestor is a writable
 * folder). Creates nothing. Throws {@link InputError} (exit 2) otherwise. Call it before long work. Cost: O(depth).
 * @example
 * ensureWritableDir('results');
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
    refuse('output_not_writable', dir, `output folder is not writable: ${msg}`);
  }
}

/** An output name must stay inside its folder. A bad one is a programming error. */
function checkName(name: string): void {
  const n = normalize(name);
  if (name === '' || isAbsolute(name) || n.startsWith('..') || n === '.' || name === OUTPUT_MARKER) {
    throw new Error(`writeOutputs: bad output name ${JSON.stringify(name)}`);
  }
}

/** Refuse a target that is an input of this run, a folder, or sits below a file. Cost: O(depth). */
function checkTarget(path: string): void {
  if (isInput(path)) {
    refuse('output_is_input', path, 'an output would replace or remove an input of this run; choose another output path');
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    refuse('output_taken', path, 'a folder has the name of an output file; move it or choose another output path');
  }
  for (let p = dirname(resolve(path)); dirname(p) !== p; p = dirname(p)) {
    if (existsSync(p)) {
      if (!statSync(p).isDirectory()) {
        refuse('output_taken', p, 'a file has the name of an output folder; move it or choose another output path');
      }
      return;
    }
  }
}

/** The folder's marker as [set, name] pairs (names that would leave the folder are ignored). */
function earlierOutputs(dir: string): [string, string][] {
  const file = join(dir, OUTPUT_MARKER);
  if (!existsSync(file)) return [];
  const pairs = readFileSync(file, 'utf8').split('\n').map((l) => l.split('\t'))
    .filter((p): p is [string, string] => p.length === 2 && p[1] !== '');
  return pairs.filter(([, n]) => !isAbsolute(n) && !normalize(n).split(sep).includes('..'));
}

/** A fresh staging folder next to `dir` (inside it when its parent cannot be written). */
function stagingFolder(dir: string): string {
  const abs = resolve(dir);
  const parent = dirname(abs);
  mkdirSync(parent, { recursive: true });
  try {
    return mkdtempSync(join(parent, `.${basename(abs)}.staging-`));
  } catch (e) {
    if (!existsSync(abs)) throw e;
    return mkdtempSync(join(abs, '.carestrata-staging-'));
  }
}

/**
 * Write every file into `dir` as one transaction (see the file header) and return the final paths.
 * Cost: O(total bytes) plus two renames a file.
 * @example
 * writeOutputs('results', [{ name: 'plan.csv', content: 'day,patient_id\n' }]);
 */
export function writeOutputs(dir: string, files: readonly OutputFile[], options: WriteOptions = {}): string[] {
  const names = files.map((f) => f.name);
  names.forEach(checkName);
  if (new Set(names.map((n) => normalize(n))).size !== names.length) {
    throw new Error('writeOutputs: two outputs share a name');
  }
  ensureWritableDir(dir);
  const set = options.set ?? 'outputs';
  const earlier = earlierOutputs(dir);
  const mine = earlier.filter(([s]) => s === set).map(([, n]) => n);
  const stale = options.keepEarlier ? [] : mine.filter((n) => !names.includes(n) && existsSync(join(dir, n)));
  for (const n of [...names, ...stale]) checkTarget(join(dir, n));
  // a file now written by this set leaves any other set's list
  const others = earlier.filter(([s, n]) => s !== set && !names.includes(n) && existsSync(join(dir, n)));
  const kept = options.keepEarlier ? mine.filter((n) => !names.includes(n)) : [];
  const listed = [...others, ...[...kept, ...names].map((n): [string, string] => [set, n])];
  const staging = stagingFolder(dir);
  try {
    for (const f of files) {
      mkdirSync(dirname(join(staging, f.name)), { recursive: true });
      writeFileSync(join(staging, f.name), f.content);
    }
    writeFileSync(join(staging, OUTPUT_MARKER), listed.map(([s, n]) => `${s}\t${n}\n`).sort().join(''));
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    refuse('write_failed', dir, `could not write outputs: ${(e as Error).message}`);
  }
  commitFolder(dir, staging, [...names, OUTPUT_MARKER], stale);
  return names.map((n) => join(dir, n));
}

/** Move the staged set into `dir`; on any failure put every earlier file back. */
function commitFolder(dir: string, staging: string, names: readonly string[], stale: readonly string[]): void {
  if (!existsSync(dir)) {
    renameSync(staging, dir);
    return;
  }
  const aside = `${staging}.old`;
  const moved: string[] = [];
  const placed: string[] = [];
  try {
    for (const n of [...names, ...stale]) {
      if (!existsSync(join(dir, n))) continue;
      mkdirSync(dirname(join(aside, n)), { recursive: true });
      renameSync(join(dir, n), join(aside, n));
      moved.push(n);
    }
    for (const n of names) {
      mkdirSync(dirname(join(dir, n)), { recursive: true });
      renameSync(join(staging, n), join(dir, n));
      placed.push(n);
    }
  } catch (e) {
    for (const n of placed) rmSync(join(dir, n), { force: true });
    for (const n of moved) renameSync(join(aside, n), join(dir, n));
    refuse('write_failed', dir, `could not move outputs into place: ${(e as Error).message}`);
  } finally {
    rmSync(aside, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
  }
  for (const n of stale) removeEmptyParents(dir, n);
}

/** Remove folders a stale output leaves empty (up to, not including, `dir`). */
function removeEmptyParents(dir: string, name: string): void {
  for (let p = dirname(name); p !== '.' && p !== ''; p = dirname(p)) {
    try {
      rmdirSync(join(dir, p));
    } catch {
      return;
    }
  }
}

/**
 * Write standalone files (each path its own) as one transaction: every folder checked, every file written to a
 * temporary name beside its target, then all renamed. Two outputs with one path are refused.
 * Cost: O(total bytes).
 * @example
 * writeFiles([{ path: 'cohort.csv', content: csv }, { path: 'truth/truth.csv', content: truth }]);
 */
export function writeFiles(files: readonly StandaloneFile[]): string[] {
  const seen = new Set<string>();
  for (const f of files) {
    const c = canonicalPath(f.path);
    if (seen.has(c)) refuse('same_output', f.path, 'two outputs of this command have the same path; give each its own');
    seen.add(c);
  }
  for (const f of files) {
    ensureWritableDir(dirname(f.path));
    checkTarget(f.path);
  }
  const temps: string[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(resolve(f.path)), { recursive: true });
      const tmp = join(dirname(resolve(f.path)), `.${basename(f.path)}.tmp-${process.pid}`);
      temps.push(tmp);
      writeFileSync(tmp, f.content);
    }
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    refuse('write_failed', files[temps.length - 1]?.path ?? '', `could not write: ${(e as Error).message}`);
  }
  files.forEach((f, i) => renameSync(temps[i]!, f.path));
  return files.map((f) => f.path);
}

// The CSV text helpers are pure and live in src/data (stages use them without importing file-writing code).
export { csvField, formatNumber, toCsv } from '../data/csvText.js';
