/**
 * Reading a rules.json for use (screening with `rules --apply`, target membership in the priority stage): the
 * one parser of the format. Pure: text in, {@link AppliedRules} out.
 *
 * Cost: O(size of the text).
 */
import { InputError } from '../errors.js';
import { zodIssues } from '../scenario/issues.js';
import type { AppliedRules } from './types.js';
import { appliedRulesSchema } from './types.js';

/**
 * Parse the text of a rules.json; throws {@link InputError} naming the file and the JSON path of every problem.
 * Everything but `rules[].segment`, `rules[].terms` and `targeting.chosen` is ignored.
 * @example
 * const rules = parseRulesJson(readTextFile('out/rules.json', 'rules file'), 'out/rules.json');
 */
export function parseRulesJson(text: string, file: string): AppliedRules {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = `not valid JSON: ${(e as Error).message.split('\n')[0]}`;
    throw new InputError([{ code: 'bad_json', file, message }]);
  }
  const parsed = appliedRulesSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error, file));
  return parsed.data;
}
