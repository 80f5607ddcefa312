/**
 * CSV text, pure (no file system): fields quoted per RFC 4180, numbers printed stably. Writing happens in
 * `src/report/outputs.ts`.
 */

/** Quote a CSV field when needed (RFC 4180). */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'number' ? formatNumber(value) : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Numbers printed stably: integers as is, others to 10 significant digits, NaN as empty. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(10)));
}

/** Rows → CSV text with a header line and LF endings. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  return lines.join('\n') + '\n';
}

/**
 * A text cell a spreadsheet could read as a formula (starts with = + - @ TAB or CR) gets a leading `'`
 * (OWASP CSV injection advice). For text taken from input files, such as ids; numbers are printed as they are.
 */
export function neutraliseText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
