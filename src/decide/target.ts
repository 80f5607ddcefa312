/**
 * Service targets as planners write them — `served_within_14d >= 0.90` — and the confidence they are wanted
 * at. Parsing never throws on bad input: it returns the structured issues of `src/errors.ts`, every problem at
 * once, for the CLI to print and turn into exit code 2.
 *
 * Cost: O(length of the text + number of known measures).
 */
import type { InputIssue } from '../errors.js';

/** Comparison a target makes; `>=`/`>` want the measure high, `<=`/`<` want it low. */
export type TargetOp = '>=' | '>' | '<=' | '<';

/** A parsed target: the measure, how it must compare, and the threshold. */
export interface Target {
  readonly measure: string;
  readonly op: TargetOp;
  readonly value: number;
}

/** Either the target or the issues that prevented it. */
export type TargetParse =
  | { readonly ok: true; readonly target: Target }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

const OPS: readonly TargetOp[] = ['>=', '<=', '>', '<'];
/** measure, then an operator-like run of symbols, then the rest. */
const SHAPE = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*([<>=!≥≤]+)?\s*(.*?)\s*$/u;

/**
 * Parse `"<measure> <op> <number>"`. `measures` lists the names the caller knows; `path` names the option or
 * YAML path in issues (default `--target`).
 * @example
 * parseTarget('served_within_14d >= 0.9', { measures: ['served_within_14d'] });
 * // { ok: true, target: { measure: 'served_within_14d', op: '>=', value: 0.9 } }
 */
export function parseTarget(text: string, opts: { measures: readonly string[]; path?: string }): TargetParse {
  const path = opts.path ?? '--target';
  const m = SHAPE.exec(text);
  if (!m) {
    const message = 'a target reads "<measure> <op> <number>", e.g. "served_within_14d >= 0.90"';
    return fail({ code: 'bad_target', path, value: text, message });
  }
  const [, measure = '', op, rest = ''] = m;
  const issues: InputIssue[] = [];
  if (!opts.measures.includes(measure)) {
    const message = `unknown measure; known: ${opts.measures.join(', ')}`;
    issues.push({ code: 'unknown_measure', path, value: measure, message });
  }
  if (op === undefined || !(OPS as readonly string[]).includes(op)) {
    const message = `the operator must be one of ${OPS.join(' ')}`;
    issues.push({ code: 'bad_operator', path, value: op ?? '', message });
  }
  const value = rest === '' ? Number.NaN : Number(rest);
  if (!Number.isFinite(value)) {
    issues.push({ code: 'bad_number', path, value: rest, message: 'the threshold must be a finite number' });
  }
  if (issues.length) return fail(...issues);
  return { ok: true, target: { measure, op: op as TargetOp, value } };
}

/**
 * Issues for a confidence level: it must be a number strictly inside (0, 1). Empty when it is fine.
 * @example
 * checkConfidence(1.2); // [{ code: 'out_of_range', path: '--confidence', … }]
 */
export function checkConfidence(confidence: unknown, path = '--confidence'): InputIssue[] {
  if (typeof confidence === 'number' && confidence > 0 && confidence < 1) return [];
  const message = 'the confidence must be a number strictly between 0 and 1, e.g. 0.95';
  return [{ code: 'out_of_range', path, value: confidence, message }];
}

/**
 * Whether `estimate` meets the target (the point comparison; intervals are judged in `levelTest.ts`).
 * @example
 * meets({ measure: 'x', op: '>=', value: 0.9 }, 0.9); // true
 */
export function meets(target: Pick<Target, 'op' | 'value'>, estimate: number): boolean {
  switch (target.op) {
    case '>=': return estimate >= target.value;
    case '>': return estimate > target.value;
    case '<=': return estimate <= target.value;
    case '<': return estimate < target.value;
  }
}

/**
 * True when the target wants the measure high (`>=`, `>`). O(1).
 * @example
 * wantsHigh({ op: '<=' }); // false: a wait target wants the measure low
 */
export function wantsHigh(target: Pick<Target, 'op'>): boolean {
  return target.op === '>=' || target.op === '>';
}

function fail(...issues: InputIssue[]): TargetParse {
  return { ok: false, issues };
}
