/**
 * Bad-input errors: structured issues collected, printed by one function, turned into exit code 2 by the CLI.
 */

/** One problem with user input: a CSV cell, a scenario path, a command-line option. */
export interface InputIssue {
  /** Machine-readable kind, e.g. `non_numeric`, `out_of_range`, `unknown_key`. */
  readonly code: string;
  /** File the problem is in, when there is one. */
  readonly file?: string;
  /** 1-based data row (the header is row 1, the first data row is row 2) for CSV problems. */
  readonly row?: number;
  /** Column name for CSV problems. */
  readonly column?: string;
  /** YAML or option path, e.g. `program.nurses`. */
  readonly path?: string;
  /** The offending value, shown quoted. */
  readonly value?: unknown;
  /** Human sentence, without the location (the printer adds it). */
  readonly message: string;
}

/** Thrown by readers and validators when input is bad; carries every issue found. */
export class InputError extends Error {
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[]) {
    super(formatIssues(issues));
    this.name = 'InputError';
    this.issues = issues;
  }
}

/** Throw an {@link InputError} for a single issue. */
export function inputError(issue: InputIssue): never {
  throw new InputError([issue]);
}

/** Most issues listed before the rest are counted. */
export const MAX_LISTED_ISSUES = 20;

/** One line per issue: `file:row N, column C: message (value "x")`. */
export function formatIssue(issue: InputIssue): string {
  const where: string[] = [];
  if (issue.file) where.push(issue.file);
  if (issue.row !== undefined) where.push(`row ${issue.row}`);
  if (issue.column !== undefined) where.push(`column ${issue.column}`);
  if (issue.path !== undefined) where.push(issue.path === '' ? '(root)' : issue.path);
  const value = issue.value === undefined ? '' : ` (value ${JSON.stringify(showValue(issue.value))})`;
  return `${where.length ? where.join(', ') + ': ' : ''}${issue.message}${value}`;
}

function showValue(v: unknown): unknown {
  if (typeof v === 'string' && v.length > 60) return v.slice(0, 57) + '...';
  return v;
}

/** At most {@link MAX_LISTED_ISSUES} lines, then `... and N more problems`. */
export function formatIssues(issues: readonly InputIssue[]): string {
  const lines = issues.slice(0, MAX_LISTED_ISSUES).map(formatIssue);
  if (issues.length > MAX_LISTED_ISSUES) lines.push(`... and ${issues.length - MAX_LISTED_ISSUES} more problems`);
  return lines.join('\n');
}
