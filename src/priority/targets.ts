/**
 * Target membership for home_suitability and `require_target`: from a segment label per patient
 * (segments.csv) or from rules (rules.json, read by the rules stage's parser and matched by its matcher: the
 * rules stage comes earlier in the pipeline, so priority imports its types and matcher, never the reverse).
 */
import { InputError } from '../errors.js';
import type { PatientTable } from '../data/table.js';
import { checkRulesAgainstTable, matchTerms } from '../rules/apply.js';
import type { AppliedRules } from '../rules/types.js';

/**
 * 1 where the patient's segment is a target. `segmentOf` maps patient id → segment label.
 * O(n).
 */
export function membershipFromSegments(ids: readonly string[], segmentOf: ReadonlyMap<string, string>, targets: readonly string[]): { member: Uint8Array; unmatched: number } {
  const want = new Set(targets);
  const member = new Uint8Array(ids.length);
  let unmatched = 0;
  ids.forEach((id, i) => {
    const s = segmentOf.get(id);
    if (s === undefined) unmatched++;
    else if (want.has(s)) member[i] = 1;
  });
  return { member, unmatched };
}

/**
 * 1 where any rule of a target segment matches, by the rules stage's own matcher ({@link matchTerms}: terms
 * ORed, conditions ANDed, a missing value never matches). Throws {@link InputError} when a target segment's rule
 * names a column the data lack or uses an op the column's type does not take; other segments' rules are not read.
 * O(n · conditions).
 * @example
 * membershipFromRules(table, [{ segment: 'far', terms: [[{ feature: 'distance_km', op: '>=', value: 25 }]] }], ['far']);
 */
export function membershipFromRules(
  table: PatientTable, rules: AppliedRules['rules'], targets: readonly string[], file = 'rules.json',
): Uint8Array {
  const want = new Set(targets);
  const chosen = rules.filter((r) => want.has(r.segment));
  const issues = checkRulesAgainstTable({ rules: chosen }, table, file);
  if (issues.length) throw new InputError(issues);
  const member = new Uint8Array(table.ids.length);
  for (const rule of chosen) {
    const m = matchTerms(rule.terms, table);
    for (let i = 0; i < m.length; i++) member[i]! |= m[i]!;
  }
  return member;
}
