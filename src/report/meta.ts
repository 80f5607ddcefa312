/**
 * What was run with what: carestrata's version and the versions of the libraries that shape the numbers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Versions {
  readonly carestrata: string;
  readonly node: string;
  readonly [library: string]: string;
}

/** Libraries whose version is recorded in every report and summary. */
export const RECORDED_LIBRARIES = ['vega', 'vega-lite', '@resvg/resvg-js', 'highs', 'simple-statistics', 'zod'] as const;

function findPackageJson(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'package.json');
    if (existsSync(p) && (JSON.parse(readFileSync(p, 'utf8')) as { name?: string }).name === 'carestrata') return p;
    dir = dirname(dir);
  }
  throw new Error('versions: carestrata package.json not found');
}

let cached: Versions | undefined;

/** Versions of carestrata, Node and {@link RECORDED_LIBRARIES}; `?` for a library that is not installed. Cost: a few small file reads, once. */
export function versions(): Versions {
  if (cached) return cached;
  const pkgPath = findPackageJson();
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string };
  const out: Record<string, string> = { carestrata: pkg.version, node: process.versions.node };
  for (const lib of RECORDED_LIBRARIES) {
    const p = join(dirname(pkgPath), 'node_modules', lib, 'package.json');
    out[lib] = existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version : '?';
  }
  cached = out as Versions;
  return cached;
}
