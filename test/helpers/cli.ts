import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../../bin/carestrata.js');

export interface CliResult { code: number; stdout: string; stderr: string }

/** Run the compiled CLI (built by `npm test` before vitest starts). */
export function runCli(args: readonly string[], cwd = process.cwd()): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'carestrata-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Files in a folder, recursively, relative names; the folder's list of outputs (`.carestrata-outputs`) aside. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name !== '.carestrata-outputs').map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}
