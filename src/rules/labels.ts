/**
 * Segment labels from a CSV (`patient_id,segment[,confidence]`, or any labels file whose second column is the
 * segment, e.g. `patient_id,archetype`), aligned to the data table's rows. Pure: text in, arrays out.
 * Messages name rows, never patient ids (ids must not reach logs).
 */
import type { InputIssue } from '../errors.js';
import { InputError } from '../errors.js';
import { parseCsvText } from '../data/csv.js';
import type { PatientTable } from '../data/table.js';

export interface SegmentLabels {
  /** Segment per table row. */
  readonly labels: readonly string[];
  /** Confidence per table row in [0, 1], when the file has a `confidence` column. */
  readonly confidence?: Float64Array;
  /** Name of the column the segments came from (`segment`, `archetype`, …). */
  readonly column: string;
}

/** Fewest patients a segment may have: a rule cannot be fit (or held out) on one patient. */
export const MIN_SEGMENT_PATIENTS = 2;
/** At most this many unmatched rows are listed before the rest are counted. */
const LISTED = 5;

/**
 * Parse the labels file and align it to `table`. Every data row needs exactly one label and every label row an
 * existing patient; every segment needs at least {@link MIN_SEGMENT_PATIENTS} patients.
 * Throws {@link InputError} listing the problems. O(rows).
 * @example
 * const { labels } = alignSegments('patient_id,segment\nP1,a\nP2,a\n', 'segments.csv', table);
 */
export function alignSegments(text: string, file: string, table: PatientTable, idColumn = table.idColumn): SegmentLabels {
  const csv = parseCsvText(text, file);
  const idIndex = csv.header.includes(idColumn) ? csv.header.indexOf(idColumn) : 0;
  const rowOf = new Map<string, number>();
  table.ids.forEach((id, i) => rowOf.set(id, i));
  if (!csv.header.includes(idColumn) && rowOf.has(csv.header[0]!)) {
    throw new InputError([{ code: 'no_header', file, row: 1, message: `first line is a patient's row, not a header: the labels file needs a header line (${idColumn},segment)` }]);
  }
  // the id column is named by its header when that is a name, else by position
  const idName = csv.header.includes(idColumn) ? idColumn : '1';
  const rest = csv.header.map((_, j) => j).filter((j) => j !== idIndex);
  const segIndex = csv.header.indexOf('segment') >= 0 ? csv.header.indexOf('segment') : rest[0];
  const issues: InputIssue[] = [];
  if (segIndex === undefined) throw new InputError([{ code: 'no_segment_column', file, message: 'labels file needs an id column and a segment column' }]);
  const confIndex = csv.header.indexOf('confidence');
  const column = csv.header[segIndex]!;
  const labels: (string | undefined)[] = new Array<string | undefined>(table.ids.length);
  const confidence = confIndex >= 0 ? new Float64Array(table.ids.length).fill(Number.NaN) : undefined;
  let unknown = 0;
  csv.records.forEach((r, k) => {
    const row = k + 2;
    const id = r[idIndex] ?? '';
    const i = rowOf.get(id);
    if (i === undefined) {
      if (unknown++ < LISTED) issues.push({ code: 'unknown_id', file, row, column: idName, message: 'patient id is not in the data file' });
      return;
    }
    if (labels[i] !== undefined) {
      issues.push({ code: 'duplicate_id', file, row, column: idName, message: 'patient appears twice in the labels file' });
      return;
    }
    const seg = r[segIndex] ?? '';
    if (seg === '') issues.push({ code: 'missing_segment', file, row, column, message: 'segment is empty' });
    labels[i] = seg;
    if (confidence && confIndex >= 0) {
      const c = Number(r[confIndex]);
      if (!(c >= 0 && c <= 1)) issues.push({ code: 'bad_confidence', file, row, column: 'confidence', value: r[confIndex], message: 'confidence must be a number in [0, 1]' });
      confidence[i] = c;
    }
  });
  if (unknown > LISTED) issues.push({ code: 'unknown_id', file, message: `... and ${unknown - LISTED} more label rows whose patient id is not in the data file` });
  let unlabelled = 0;
  const dataFile = table.file ?? 'data';
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== undefined) continue;
    if (unlabelled++ < LISTED) issues.push({ code: 'unlabelled_patient', file: dataFile, row: i + 2, column: table.idColumn, message: `patient has no segment in ${file}` });
  }
  if (unlabelled > LISTED) issues.push({ code: 'unlabelled_patient', file: dataFile, message: `... and ${unlabelled - LISTED} more patients without a segment in ${file}` });
  if (issues.length) throw new InputError(issues);
  const full = labels as string[];
  issues.push(...segmentSizeIssues(full, file, column));
  if (issues.length) throw new InputError(issues);
  return confidence ? { labels: full, confidence, column } : { labels: full, column };
}

/** Segments with fewer than {@link MIN_SEGMENT_PATIENTS} patients, as issues. O(rows). */
export function segmentSizeIssues(labels: readonly string[], file: string | undefined, column = 'segment'): InputIssue[] {
  const size = new Map<string, number>();
  for (const l of labels) size.set(l, (size.get(l) ?? 0) + 1);
  const issues: InputIssue[] = [];
  if (size.size < 2) issues.push({ code: 'one_segment', ...(file ? { file } : {}), column, message: 'need at least two segments to describe one against the rest' });
  for (const [s, k] of [...size].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (k < MIN_SEGMENT_PATIENTS) {
      issues.push({ code: 'tiny_segment', ...(file ? { file } : {}), column, value: s, message: `segment has ${k} patient${k === 1 ? '' : 's'}; at least ${MIN_SEGMENT_PATIENTS} are needed` });
    }
  }
  return issues;
}
