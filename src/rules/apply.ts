/**
 * Applying rules to patients: the screening path (`carestrata rules --apply`) and the priority stage's way to
 * mark target-group members. Pure: a table in, match flags out.
 *
 * Semantics: a condition on a missing value (NaN, code −1) is false, so a patient with a missing value never
 * matches a term that tests that column.
 */
import type { InputIssue } from '../errors.js';
import { InputError } from '../errors.js';
import type { Column, PatientTable } from '../data/table.js';
import type { AppliedRules, Condition, Term } from './types.js';

export interface RuleMatches {
  /** Segment of each rule, in the rules' order. */
  readonly segments: readonly string[];
  /** `matches[k][i]` is 1 when patient row `i` satisfies rule `k`. */
  readonly matches: readonly Uint8Array[];
  /** 1 when the patient matches the rule of any chosen target group; null when the rules name no target. */
  readonly target: Uint8Array | null;
}

/**
 * Check that every condition names a column of the table with a compatible type. Returns every problem.
 * O(conditions).
 */
export function checkRulesAgainstTable(rules: AppliedRules, table: PatientTable, file?: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const where = file === undefined ? {} : { file };
  const seen = new Set<string>();
  for (const rule of rules.rules) {
    for (const term of rule.terms) {
      for (const c of term) {
        const key = `${c.feature}\u0000${c.op}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const col = table.columns.find((x) => x.name === c.feature);
        if (!col) {
          issues.push({ code: 'missing_feature', ...where, column: c.feature, message: `column used by the rule for segment "${rule.segment}" is absent from the data` });
        } else if ((c.op === 'in') !== (col.kind === 'categorical')) {
          issues.push({ code: 'feature_type', ...where, column: c.feature, message: `rule uses "${c.op}" but the column is ${col.kind}` });
        }
      }
    }
  }
  return issues;
}

/** 1 where a row satisfies one condition. O(rows). */
export function matchCondition(condition: Condition, column: Column): Uint8Array {
  const n = column.kind === 'categorical' ? column.codes.length : column.values.length;
  const out = new Uint8Array(n);
  if (column.kind === 'categorical') {
    if (condition.op !== 'in' || !Array.isArray(condition.value)) throw new Error(`matchCondition: ${condition.op} on categorical ${column.name}`);
    const allowed = new Uint8Array(column.levels.length);
    const wanted = new Set(condition.value as readonly string[]);
    column.levels.forEach((l, k) => { if (wanted.has(l)) allowed[k] = 1; });
    for (let i = 0; i < n; i++) {
      const code = column.codes[i]!;
      out[i] = code >= 0 && allowed[code] ? 1 : 0;
    }
    return out;
  }
  const v = condition.value;
  if (typeof v !== 'number') throw new Error(`matchCondition: ${condition.op} needs a number on ${column.name}`);
  const xs = column.values;
  // NaN compares false with everything, so missing values never match.
  if (condition.op === '>=') for (let i = 0; i < n; i++) out[i] = xs[i]! >= v ? 1 : 0;
  else if (condition.op === '<') for (let i = 0; i < n; i++) out[i] = xs[i]! < v ? 1 : 0;
  else if (condition.op === '==') for (let i = 0; i < n; i++) out[i] = xs[i]! === v ? 1 : 0;
  else throw new Error(`matchCondition: "in" on numeric column ${column.name}`);
  return out;
}

/** 1 where a row satisfies any term (OR of ANDs). Columns must exist (see {@link checkRulesAgainstTable}). O(rows × conditions). */
export function matchTerms(terms: readonly Term[], table: PatientTable): Uint8Array {
  const n = table.ids.length;
  const any = new Uint8Array(n);
  for (const term of terms) {
    const all = new Uint8Array(n).fill(1);
    for (const c of term) {
      const col = table.columns.find((x) => x.name === c.feature);
      if (!col) throw new Error(`matchTerms: no column ${c.feature}`);
      const m = matchCondition(c, col);
      for (let i = 0; i < n; i++) all[i]! &= m[i]!;
    }
    for (let i = 0; i < n; i++) any[i]! |= all[i]!;
  }
  return any;
}

/**
 * Which rule(s) each patient matches. Throws {@link InputError} (exit 2) when a rule names a column the table
 * lacks or has the wrong type.
 * Cost: O(rows × conditions).
 * @example
 * const { segments, matches, target } = applyRules(JSON.parse(rulesJsonText), table, 'new.csv');
 */
export function applyRules(rules: AppliedRules, table: PatientTable, file?: string): RuleMatches {
  const issues = checkRulesAgainstTable(rules, table, file ?? table.file);
  if (issues.length) throw new InputError(issues);
  const segments = rules.rules.map((r) => r.segment);
  const matches = rules.rules.map((r) => matchTerms(r.terms, table));
  const chosen = rules.targeting?.chosen;
  let target: Uint8Array | null = null;
  if (chosen && chosen.length) {
    target = new Uint8Array(table.ids.length);
    segments.forEach((s, k) => {
      if (!chosen.includes(s)) return;
      const m = matches[k]!;
      for (let i = 0; i < m.length; i++) target![i]! |= m[i]!;
    });
  }
  return { segments, matches, target };
}
