/**
 * zod validation issues → carestrata {@link InputIssue}s with a dotted YAML path.
 */
import type { z } from 'zod';
import type { InputIssue } from '../errors.js';

/** Dotted path: `program.nurses`, `priority.weights[2]`. */
export function dottedPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out ? '.' : '') + String(p);
  }
  return out;
}

/** Convert every zod issue, expanding unknown keys into one issue each. */
export function zodIssues(error: z.ZodError, file: string, lineOf?: (path: PropertyKey[]) => number | undefined): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ code: 'unknown_key', file, path: dottedPath([...issue.path, key]), message: 'unknown key (typo?)' });
      }
      continue;
    }
    const path = dottedPath(issue.path);
    const line = lineOf?.(issue.path as PropertyKey[]);
    out.push({ code: issue.code, file, path, message: line === undefined ? issue.message : `${issue.message} (line ${line})` });
  }
  return out;
}
