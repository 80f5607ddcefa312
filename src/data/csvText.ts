/**
 * CSV text, pure (no file system): fields quoted per RFC 4180, numbers printed stably, and every text cell a
 * spreadsheet would run as a formula neutralised as OWASP recommends (CSV injection): a cell that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading single quote, so `=HYPERLINK(...)` is shown
 * as text. Numbers stay numbers: a number value, or a text cell that is a plain decimal number such as `-3.5`
 * or `1e-4`, is written as is. The CSV reader drops that quote again ({@link unguardCell}), so files the tool
 * writes read back unchanged. Writing happens in `src/report/outputs.ts`.
 */

/** First characters that make a spreadsheet evaluate a cell (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number, the only cell starting with `+` or `-` left as is. */
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * The cell with a leading `'` when a spreadsheet would treat it as a formula. O(length).
 * @example
 * guardCell('=1+1'); // "'=1+1"
 * guardCell('-3.5'); // '-3.5'
 */
export function guardCell(s: string): string {
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) return `'${s}`;
  // a cell already guarded keeps its meaning on reading only if its own quote is guarded too
  if (s.startsWith("'") && FORMULA_START.test(s.slice(1))) return `'${s}`;
  return s;
}

/**
 * Undo {@link guardCell} on reading: drop one leading `'` before a formula character (what a spreadsheet
 * shows), so neutralised ids match the data file's ids. O(length).
 * @example
 * unguardCell("'=1+1"); // '=1+1'
 */
export function unguardCell(s: string): string {
  return s.startsWith("'") && (FORMULA_START.test(s.slice(1)) || (s[1] === "'" && FORMULA_START.test(s.slice(2)))) ? s.slice(1) : s;
}

/** A CSV field: formula-guarded, then quoted when needed (RFC 4180). O(length). */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? formatNumber(value) : guardCell(String(value));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Numbers printed stably: integers as is, others to 10 significant digits, NaN as empty. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(10)));
}

/** Rows → CSV text with a header line and LF endings; every cell through {@link csvField}. O(cells). */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  return lines.join('\n') + '\n';
}
