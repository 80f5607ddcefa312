/**
 * Target membership for home_suitability and `require_target`: from a segment label per patient
 * (segments.csv) or from rules (rules.json, the shape of issue 4). The rule matcher here is the small
 * documented one — terms ORed, conditions ANDed, op in `>=`, `<`, `in`, `==`; a missing value never matches.
 */
import type { InputIssue } from '../errors.js';
import { InputError } from '../errors.js';
import type { PatientTable } from '../data/table.js';
import { findColumn } from '../data/table.js';

export interface RuleCondition {
  readonly feature: string;
  readonly op: '>=' | '<' | 'in' | '==';
  readonly value: number | string | readonly string[];
}

export interface SegmentRule {
  readonly segment: string | number;
  /** Terms are ORed; conditions inside a term are ANDed. */
  readonly terms: readonly (readonly RuleCondition[])[];
}

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
 * 1 where any rule of a target segment matches. Throws {@link InputError} when a rule names a feature the
 * data lacks. O(n · conditions).
 * @example
 * membershipFromRules(table, [{ segment: 'far', terms: [[{ feature: 'distance_km', op: '>=', value: 25 }]] }], ['far']);
 */
export function membershipFromRules(table: PatientTable, rules: readonly SegmentRule[], targets: readonly string[], file = 'rules.json'): Uint8Array {
  const want = new Set(targets);
  const n = table.ids.length;
  const member = new Uint8Array(n);
  const issues: InputIssue[] = [];
  rules.forEach((rule, r) => {
    if (!want.has(String(rule.segment))) return;
    rule.terms.forEach((term, t) => {
      const tests = term.map((cond, c) => conditionTest(table, cond, `rules[${r}].terms[${t}][${c}]`, file, issues));
      if (tests.some((x) => x === undefined)) return;
      for (let i = 0; i < n; i++) if (!member[i] && tests.every((f) => f!(i))) member[i] = 1;
    });
  });
  if (issues.length) throw new InputError(issues);
  return member;
}

function conditionTest(table: PatientTable, cond: RuleCondition, path: string, file: string, issues: InputIssue[]): ((i: number) => boolean) | undefined {
  const col = findColumn(table, cond.feature);
  if (!col) {
    issues.push({ code: 'missing_column', file, path, column: cond.feature, message: `rule feature "${cond.feature}" is not a column of the data` });
    return undefined;
  }
  if (col.kind === 'categorical') {
    const allowed = new Set(Array.isArray(cond.value) ? cond.value.map(String) : [String(cond.value)]);
    if (cond.op !== 'in' && cond.op !== '==') {
      issues.push({ code: 'bad_rule', file, path, message: `op "${cond.op}" needs a numeric column, "${cond.feature}" is categorical` });
      return undefined;
    }
    const codes = new Set(col.levels.flatMap((l, k) => (allowed.has(l) ? [k] : [])));
    return (i) => codes.has(col.codes[i]!);
  }
  const v = col.values;
  const x = Array.isArray(cond.value) ? Number.NaN : Number(cond.value);
  switch (cond.op) {
    case '>=': return (i) => v[i]! >= x;
    case '<': return (i) => v[i]! < x;
    case '==': return (i) => v[i]! === x;
    case 'in': {
      const set = new Set((Array.isArray(cond.value) ? cond.value : [cond.value]).map(Number));
      return (i) => set.has(v[i]!);
    }
    default:
      issues.push({ code: 'bad_rule', file, path, value: cond.op, message: 'op must be one of >=, <, in, ==' });
      return undefined;
  }
}

/** Check a parsed rules.json: an object with a `rules` array of `{segment, terms}`. Throws {@link InputError}. */
export function parseRulesJson(raw: unknown, file: string): SegmentRule[] {
  const bad = (path: string, message: string): never => {
    throw new InputError([{ code: 'bad_rules_file', file, path, message }]);
  };
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { rules?: unknown }).rules)) return bad('rules', 'expected an object with a "rules" array');
  const rules = (raw as { rules: unknown[] }).rules;
  rules.forEach((r, i) => {
    const rule = r as { segment?: unknown; terms?: unknown };
    if (typeof rule !== 'object' || rule === null || (typeof rule.segment !== 'string' && typeof rule.segment !== 'number')) bad(`rules[${i}].segment`, 'missing segment name');
    if (!Array.isArray(rule.terms) || !rule.terms.every((t) => Array.isArray(t))) bad(`rules[${i}].terms`, 'expected an array of condition arrays');
    (rule.terms as unknown[][]).forEach((t, j) =>
      t.forEach((c, k) => {
        const cond = c as Partial<RuleCondition>;
        if (typeof cond?.feature !== 'string' || !['>=', '<', 'in', '=='].includes(String(cond.op)) || cond.value === undefined) {
          bad(`rules[${i}].terms[${j}][${k}]`, 'condition needs feature, op (>=, <, in, ==) and value');
        }
      }),
    );
  });
  return rules as SegmentRule[];
}
