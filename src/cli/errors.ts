/**
 * The one place errors become exit codes: bad input → 2, anything else → 1.
 */
import { InputError, formatIssues } from '../errors.js';

export const EXIT_BAD_INPUT = 2;
export const EXIT_FAILURE = 1;

/** Print an error to stderr and return the exit code. */
export function reportError(e: unknown): number {
  if (e instanceof InputError) {
    process.stderr.write(`error: ${formatIssues(e.issues).split('\n').join('\nerror: ')}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`carestrata failed: ${message}\n`);
  if (process.env.CARESTRATA_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return EXIT_FAILURE;
}

/** Logs and progress go to stderr, never patient identifiers. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
