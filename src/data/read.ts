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
import type { InputEncoding } from './encoding.js';
import { decodeText, isInputEncoding } from './encoding.js';
import { noteInput } from './inputs.js';

/** Environment variable that carries `--encoding` to every reader, worker threads included. */
export const ENCODING_ENV = 'CARESTRATA_INPUT_ENCODING';

/** Largest input file read (bytes): far above any real extract, far below what would exhaust memory. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/** Longest YAML document read (characters): a scenario or schema is a few kB. */
export const MAX_YAML_CHARS = 1_000_000;
/** Most alias uses (`*name`) a YAML document may expand: nested aliases grow exponentially (a "billion laughs"). */
export const MAX_YAML_ALIASES = 100;

/** Refuse a YAML text beyond {@link MAX_YAML_CHARS} (exit 2). Cost: O(1). */
export function checkYamlSize(text: string, file: string): void {
  if (text.length > MAX_YAML_CHARS) throw new InputError([{ code: 'too_large', file, message: `YAML document has ${text.length} characters; at most ${MAX_YAML_CHARS} are read` }]);
}

/** The encoding input files are read with: `--encoding` (via {@link ENCODING_ENV}), else UTF-8. */
export function inputEncoding(): InputEncoding {
  const e = process.env[ENCODING_ENV];
  return e && isInputEncoding(e) ? e : 'utf8';
}

/**
 * Read a text file (strict UTF-8 unless `--encoding` says otherwise) and note it as an input of this run, or
 * throw an {@link InputError} naming it. Cost: O(file size).
 */
export function readTextFile(path: string, what = 'file'): string {
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError([{ code: 'not_a_file', file: path, message: `${what} is a directory` }]);
    if (st.size > MAX_INPUT_BYTES) throw new InputError([{ code: 'too_large', file: path, message: `${what} is ${Math.round(st.size / 2 ** 20)} MiB; at most ${MAX_INPUT_BYTES / 2 ** 20} MiB is read` }]);
    bytes = readFileSync(path);
    noteInput(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `${what} not found` : `${what} cannot be read (${code ?? 'error'})`;
    throw new InputError([{ code: 'unreadable', file: path, message }]);
  }
  return decodeText(bytes, path, inputEncoding());
}

/** Read and type a CSV file. */
export function readTableFile(path: string, options: Omit<IngestOptions, 'file'> = {}): { table: PatientTable; report: IngestReport } {
  return ingestTable(readTextFile(path, 'CSV file'), { ...options, file: path });
}

/** Read a column-schema YAML file (see README "CSV columns"). */
export function readSchemaFile(path: string): TableSchema {
  const text = readTextFile(path, 'schema file');
  checkYamlSize(text, path);
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    throw new InputError([{ code: 'bad_yaml', file: path, message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` }]);
  }
  const parsed = schemaFileSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error, path));
  return schemaFromFile(parsed.data);
}
