/**
 * CPLEX LP and free MPS text of a {@link LinearModel}, in the dialect glpsol, cbc and HiGHS all read
 * (../shared/MODELING.md): plain names, a space between coefficient and name, `Binary`, a final `End`, no
 * objective constant, no ranged rows (a two-sided row becomes `name_lo` and `name_hi`).
 * Cost: O(nonzeros) time, output ≈ 25 bytes per nonzero.
 */
import type { LinearModel } from './linearModel.js';

/** Terms per LP line; continuation lines start with a space (every reader accepts them). */
const TERMS_PER_LINE = 8;

/** Shortest round-trip decimal text of a finite number. */
function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`exchange: non-finite number ${x}`);
  return Object.is(x, -0) ? '0' : String(x);
}

function terms(names: readonly string[], idx: ArrayLike<number>, val: ArrayLike<number>, from: number, to: number): string {
  const parts: string[] = [];
  for (let k = from; k < to; k++) {
    const v = val[k]!;
    const sign = v < 0 ? '-' : '+';
    const coef = Math.abs(v) === 1 ? '' : `${num(Math.abs(v))} `;
    const head = parts.length === 0 ? (v < 0 ? '- ' : '') : `${sign} `;
    parts.push(`${head}${coef}${names[idx[k]!]!}`);
  }
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += TERMS_PER_LINE) lines.push(parts.slice(i, i + TERMS_PER_LINE).join(' '));
  return lines.join('\n   ');
}

/**
 * The model as CPLEX LP text.
 * @example
 * writeFileSync('model.lp', toLpText(am.model)); // then: glpsol --lp model.lp, cbc model.lp, highs model.lp
 */
export function toLpText(m: LinearModel): string {
  const out: string[] = [`\\ ${m.name}: ${m.colNames.length} columns, ${m.rowNames.length} rows (carestrata optimize)`];
  out.push(m.sense === 'max' ? 'Maximize' : 'Minimize');
  const objIdx: number[] = [];
  const objVal: number[] = [];
  m.colCost.forEach((c, j) => { if (c !== 0) { objIdx.push(j); objVal.push(c); } });
  // An all-zero objective still needs one term for every reader.
  if (objIdx.length === 0 && m.colNames.length > 0) { objIdx.push(0); objVal.push(0); }
  out.push(` obj: ${objIdx.length ? terms(m.colNames, objIdx, objVal, 0, objIdx.length) : ''}`);
  out.push('Subject To');
  for (let i = 0; i < m.rowNames.length; i++) {
    const lhs = terms(m.colNames, m.rowIndex, m.rowValue, m.rowStart[i]!, m.rowStart[i + 1]!) || `0 ${m.colNames[0]}`;
    const lo = m.rowLower[i]!;
    const hi = m.rowUpper[i]!;
    const name = m.rowNames[i]!;
    if (lo === hi) out.push(` ${name}: ${lhs} = ${num(hi)}`);
    else if (lo === -Infinity && hi !== Infinity) out.push(` ${name}: ${lhs} <= ${num(hi)}`);
    else if (hi === Infinity && lo !== -Infinity) out.push(` ${name}: ${lhs} >= ${num(lo)}`);
    else if (lo !== -Infinity && hi !== Infinity) {
      out.push(` ${name}_lo: ${lhs} >= ${num(lo)}`);
      out.push(` ${name}_hi: ${lhs} <= ${num(hi)}`);
    }
  }
  const bounds: string[] = [];
  m.colUpper.forEach((u, j) => { if (!m.colBinary[j] && u !== Infinity) bounds.push(` ${m.colNames[j]!} <= ${num(u)}`); /* lower bound 0 is the LP default */ });
  if (bounds.length) out.push('Bounds', ...bounds);
  const bin = m.colNames.filter((_, j) => m.colBinary[j] === 1);
  if (bin.length) {
    out.push('Binary');
    for (let i = 0; i < bin.length; i += TERMS_PER_LINE) out.push(` ${bin.slice(i, i + TERMS_PER_LINE).join(' ')}`);
  }
  out.push('End');
  return out.join('\n') + '\n';
}

/**
 * The model as free-format MPS text, always a minimisation (binaries as `BV` bounds). glpsol 5.0 rejects an
 * `OBJSENSE` section, and the readers disagree on the default sense of other forms, so a maximising model is
 * written as the minimisation of its negated objective, with a `*` comment saying so: the file's optimum is
 * −(the plan's objective), and its solution is the same. Read with `highs model.mps`, `cbc model.mps`,
 * `glpsol --freemps model.mps` (checked in test/reliability/mps-exports.test.ts). Cost: O(nonzeros).
 * @example writeFileSync('model.mps', toMpsText(am.model)); // then: glpsol --freemps model.mps
 */
export function toMpsText(m: LinearModel): string {
  const negate = m.sense === 'max';
  const out: string[] = [`NAME ${m.name}`];
  if (negate) {
    out.push('* carestrata: this model MAXIMISES its objective; written here as the MINIMISATION of the negated',
      '* objective (glpsol reads no OBJSENSE section): optimum of this file = -(plan objective), same solution.');
  }
  out.push('ROWS', ' N  obj');
  const type = (i: number): string => {
    const lo = m.rowLower[i]!;
    const hi = m.rowUpper[i]!;
    return lo === hi ? 'E' : lo === -Infinity ? 'L' : hi === Infinity ? 'G' : 'L';
  };
  m.rowNames.forEach((r, i) => out.push(` ${type(i)}  ${r}`));
  // Column-wise entries from the CSR rows.
  const perCol: { row: number; v: number }[][] = m.colNames.map(() => []);
  for (let i = 0; i < m.rowNames.length; i++) {
    for (let k = m.rowStart[i]!; k < m.rowStart[i + 1]!; k++) perCol[m.rowIndex[k]!]!.push({ row: i, v: m.rowValue[k]! });
  }
  out.push('COLUMNS');
  m.colNames.forEach((c, j) => {
    const entries = [`    ${c}  obj  ${num(negate ? -m.colCost[j]! : m.colCost[j]!)}`];
    for (const e of perCol[j]!) entries.push(`    ${c}  ${m.rowNames[e.row]!}  ${num(e.v)}`);
    out.push(...entries);
  });
  out.push('RHS');
  m.rowNames.forEach((r, i) => {
    const t = type(i);
    const rhs = t === 'G' ? m.rowLower[i]! : m.rowUpper[i]!;
    if (rhs !== 0) out.push(`    RHS  ${r}  ${num(rhs)}`);
  });
  const ranges: string[] = [];
  m.rowNames.forEach((r, i) => {
    const lo = m.rowLower[i]!;
    const hi = m.rowUpper[i]!;
    if (lo !== hi && lo !== -Infinity && hi !== Infinity) ranges.push(`    RNG  ${r}  ${num(hi - lo)}`);
  });
  if (ranges.length) out.push('RANGES', ...ranges);
  out.push('BOUNDS');
  m.colNames.forEach((c, j) => {
    if (m.colBinary[j]) out.push(` BV BND  ${c}`);
    else if (m.colUpper[j] !== Infinity) out.push(` UP BND  ${c}  ${num(m.colUpper[j]!)}`);
  });
  out.push('ENDATA');
  return out.join('\n') + '\n';
}
