/**
 * Rules in words: `distance_km ≥ 25 km AND alloantibodies = 0`. Intervals on one column read `20 ≤ age < 40 years`.
 */
import type { Condition, Term } from './types.js';

/** Column name → unit, for display. */
export type Units = Readonly<Record<string, string | undefined>>;

function num(x: number): string {
  return String(Number(x.toPrecision(10)));
}

/** One term as text; a `>=` and a `<` on the same column are shown as one interval. */
export function termText(term: Term, units: Units = {}): string {
  const parts: string[] = [];
  const done = new Set<number>();
  term.forEach((c, i) => {
    if (done.has(i)) return;
    const unit = units[c.feature] ? ` ${units[c.feature]}` : '';
    if (c.op === '>=' || c.op === '<') {
      const j = term.findIndex((d, k) => k !== i && !done.has(k) && d.feature === c.feature && (d.op === '>=' || d.op === '<') && d.op !== c.op);
      if (j >= 0) {
        done.add(j);
        const lo = c.op === '>=' ? c : term[j]!;
        const hi = c.op === '<' ? c : term[j]!;
        parts.push(`${num(lo.value as number)} ≤ ${c.feature} < ${num(hi.value as number)}${unit}`);
        return;
      }
      parts.push(`${c.feature} ${c.op === '>=' ? '≥' : '<'} ${num(c.value as number)}${unit}`);
    } else if (c.op === '==') {
      parts.push(`${c.feature} = ${num(c.value as number)}`);
    } else {
      const levels = c.value as readonly string[];
      parts.push(levels.length === 1 ? `${c.feature} is ${levels[0]}` : `${c.feature} is one of ${levels.join(', ')}`);
    }
  });
  return parts.join(' AND ');
}

/** Terms joined by OR, each in parentheses when there are several. */
export function rulesText(terms: readonly Term[], units: Units = {}): string {
  if (terms.length === 0) return '(no rule)';
  if (terms.length === 1) return termText(terms[0]!, units);
  return terms.map((t) => `(${termText(t, units)})`).join(' OR ');
}

/** Number of conditions in a term, counting an interval on one column as one. */
export function conditionCount(term: Term): number {
  return new Set(term.map((c: Condition) => c.feature)).size;
}
