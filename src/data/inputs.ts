/**
 * The files this process has read as input. Writers consult it so that no output ever replaces or removes an
 * input (`--out` equal to `--data`, a stale output that is now someone's input, a merge into a shard folder).
 * One set per process: the CLI runs one command per process.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';

const inputs = new Set<string>();

/** Canonical form of a path: the real path when it exists (links and `..` resolved), else the absolute path. */
export function canonicalPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Remember `path` as an input of this run. Cost: one realpath call.
 * @example
 * noteInput('cohort.csv'); isInput('./cohort.csv'); // true
 */
export function noteInput(path: string): void {
  inputs.add(canonicalPath(path));
}

/** True when `path` was read as an input by this process. Cost: one realpath call. */
export function isInput(path: string): boolean {
  return inputs.has(canonicalPath(path));
}

/** Forget every input (tests that run several commands in one process). Cost: O(1). */
export function forgetInputs(): void {
  inputs.clear();
}
