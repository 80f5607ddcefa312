import { InputError } from '../../src/errors.js';

/** The lines of the {@link InputError} `f` throws ([] when it throws none); other errors pass through. */
export function issueLines(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.message.split('\n');
    throw e;
  }
  return [];
}
