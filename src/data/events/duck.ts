/**
 * The thin DuckDB layer: open an in-process database, run SQL, read results as plain columns. Everything
 * that touches DuckDB (and so files) for extraction goes through here; feature arithmetic lives in
 * src/extract/ and never sees a connection.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';

export interface DuckOptions {
  /** Worker threads DuckDB may use (default 2). */
  readonly threads?: number;
  /** Memory limit, e.g. '3GB' (default '3GB': the extract bench must stay under 4 GB). */
  readonly memoryLimit?: string;
}

/** A connection plus the instance that owns it; call `close()` when done. */
export interface Duck {
  readonly conn: DuckDBConnection;
  run(sql: string): Promise<void>;
  /** Result columns by name, values as JS (BIGINT → bigint, DOUBLE → number, VARCHAR → string, NULL → null). */
  columns(sql: string): Promise<Record<string, unknown[]>>;
  close(): void;
}

/**
 * Open an in-memory DuckDB with extension auto-install off (nothing downloads at run time).
 * Cost: ~50 ms.
 */
export async function openDuck(options: DuckOptions = {}): Promise<Duck> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads ?? 2),
    memory_limit: options.memoryLimit ?? '3GB',
    autoinstall_known_extensions: 'false',
    preserve_insertion_order: 'true',
  });
  const conn = await instance.connect();
  return {
    conn,
    run: async (sql) => {
      await conn.run(sql);
    },
    columns: async (sql) => (await conn.runAndReadAll(sql)).getColumnsObjectJS() as Record<string, unknown[]>,
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A value from {@link Duck.columns} as a number (bigint converted), or null. */
export function numOrNull(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'bigint' ? Number(v) : Number(v);
}

const here = dirname(fileURLToPath(import.meta.url));
/** src/extract (from src/data/events under tsx, or dist/src/data/events after `tsc`). */
const EXTRACT_DIRS = [resolve(here, '../../extract'), resolve(here, '../../../../src/extract')];

/** A file shipped in src/extract (SQL, default concepts), found both from sources and from dist/. */
export function extractAsset(name: string): string {
  for (const d of EXTRACT_DIRS) {
    const p = join(d, name);
    if (existsSync(p)) return p;
  }
  throw new Error(`extractAsset: ${name} not found under ${EXTRACT_DIRS.join(' or ')}`);
}

/** The text of src/extract/sql/NAME. */
export function readSql(name: string): string {
  return readFileSync(extractAsset(join('sql', name)), 'utf8');
}
