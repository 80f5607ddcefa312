/**
 * File reading for tables, schemas and YAML: the only place `src/data` touches the file system.
 */
import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.js';
import type { IngestOptions, IngestReport } from './ingest.js';
import { ingestTable } from './ingest.js';
import type { TableSchema } from './schema.js';
import { schemaFileSchema, schemaFromFile } from './schema.js';
import type { PatientTable } from './table.js';
import { zodIssues } from '../scenario/issues.js';

/** Read a file as UTF-8 text, or throw an {@link InputError} naming it. */
export function readTextFile(path: string, what = 'file'): string {
  try {
    if (statSync(path).isDirectory()) throw new InputError([{ code: 'not_a_file', file: path, message: `${what} is a directory` }]);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `${what} not found` : `${what} cannot be read (${code ?? 'error'})`;
    throw new InputError([{ code: 'unreadable', file: path, message }]);
  }
}

/** Read and type a CSV file. */
export function readTableFile(path: string, options: Omit<IngestOptions, 'file'> = {}): { table: PatientTable; report: IngestReport } {
  return ingestTable(readTextFile(path, 'CSV file'), { ...options, file: path });
}

/** Read a column-schema YAML file (see README "CSV columns"). */
export function readSchemaFile(path: string): TableSchema {
  const text = readTextFile(path, 'schema file');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new InputError([{ code: 'bad_yaml', file: path, message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` }]);
  }
  const parsed = schemaFileSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error, path));
  return schemaFromFile(parsed.data);
}
