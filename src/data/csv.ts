/**
 * CSV text → header and string records. Comma or semicolon (detected from the header line), quoted fields,
 * UTF-8 with or without BOM, CRLF or LF. Ragged rows are reported with their row number. A leading `'` that
 * guards a formula character (as carestrata writes it) is dropped.
 */
import { parse } from 'csv-parse/sync';
import type { InputIssue } from '../errors.js';
import { InputError } from '../errors.js';
import { unguardCell } from './csvText.js';

export interface CsvText {
  readonly header: readonly string[];
  /** Data records; `records[i]` is file row `i + 2` (row 1 is the header). */
  readonly records: readonly (readonly string[])[];
  readonly delimiter: ',' | ';';
}

/** Pick `;` when the header line has more semicolons than commas outside quotes. */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semis++;
  }
  return semis > commas ? ';' : ',';
}

/**
 * Parse CSV text. Throws {@link InputError} for an empty file, a header-only file, malformed quoting and
 * ragged rows. O(size of text).
 */
export function parseCsvText(text: string, file: string): CsvText {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError([{ code: 'empty_file', file, message: 'file is empty' }]);
  const delimiter = detectDelimiter(body);
  let rows: string[][];
  try {
    rows = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    const where = err.lines !== undefined ? { row: err.lines } : {};
    throw new InputError([{ code: 'malformed_csv', file, ...where, message: `malformed CSV: ${firstLine(err.message)}` }]);
  }
  // cells the writer guarded against formula injection read back as they were (csvText.ts)
  for (const r of rows) for (let j = 0; j < r.length; j++) if (r[j]!.charCodeAt(0) === 0x27) r[j] = unguardCell(r[j]!);
  const header = rows[0] ?? [];
  if (rows.length < 2) throw new InputError([{ code: 'no_rows', file, message: 'file has a header but no data rows' }]);
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  header.forEach((h, j) => {
    if (h === '') issues.push({ code: 'empty_header', file, row: 1, message: `header cell ${j + 1} is empty` });
    else if (seen.has(h)) issues.push({ code: 'duplicate_header', file, row: 1, column: h, message: 'column name appears twice' });
    seen.add(h);
  });
  const records = rows.slice(1);
  records.forEach((r, i) => {
    if (r.length !== header.length) {
      issues.push({
        code: 'ragged_row',
        file,
        row: i + 2,
        message: `row has ${r.length} fields, header has ${header.length}`,
      });
    }
  });
  if (issues.length) throw new InputError(issues);
  return { header, records, delimiter };
}

function firstLine(s: string | undefined): string {
  return (s ?? 'unknown error').split('\n')[0]!;
}

/**
 * Index of each named column, or an {@link InputError} naming the missing ones. The header's own cells are
 * never echoed: in a file without a header line they are a patient's row, id included. O(columns).
 * @example
 * columnIndexes(parseCsvText('patient_id,segment\nP1,2\n', 's.csv'), 's.csv', 'segments file', ['patient_id', 'segment']); // [0, 1]
 */
export function columnIndexes(csv: CsvText, file: string, what: string, names: readonly string[]): number[] {
  const idx = names.map((n) => csv.header.indexOf(n));
  const missing = names.filter((_, k) => idx[k]! < 0);
  if (missing.length) {
    throw new InputError([{ code: 'bad_header', file, row: 1, message: `${what} needs columns ${names.join(' and ')} in its first line (missing: ${missing.join(', ')}; a file without a header line?)` }]);
  }
  return idx;
}
