import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/data/table.js';
import { streams } from '../../src/random/index.js';
import {
  CONSTANT_SCALE, ID_LIKE_MIN_ROWS, MAX_MISSING_SHARE, NEAR_CONSTANT_SHARE, screenColumn,
} from '../../src/segment/screen.js';
import type { ColumnVerdict } from '../../src/segment/screen.js';

/**
 * The rule written the plain way: a Map of every present value's count (the implementation before issue 18
 * item 7, which took 18 s on a million distinct values).
 */
function naiveVerdict(c: Column): ColumnVerdict {
  const values: ArrayLike<number> = c.kind === 'categorical' ? c.codes : c.values;
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (c.kind === 'categorical' ? v < 0 : Number.isNaN(v)) continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const n = values.length;
  let present = 0, top = 0;
  for (const k of counts.values()) { present += k; top = Math.max(top, k); }
  if (present === 0) return { action: 'drop', reason: 'every value is missing' };
  const pct = (share: number): string => `${Math.round(share * 100)}%`;
  if (n - present > MAX_MISSING_SHARE * n) {
    return { action: 'drop', reason: `${pct((n - present) / n)} of values missing (more than 50%)` };
  }
  const xs = [...counts.keys()];
  const range = Math.max(...xs) - Math.min(...xs);
  const flat = c.kind === 'numeric' && range <= CONSTANT_SCALE * Math.max(1, Math.min(...xs.map(Math.abs)));
  if (counts.size === 1 || flat) return { action: 'drop', reason: 'constant: it cannot separate rows' };
  const integer = c.kind === 'categorical' || (c.kind === 'numeric' && xs.every((x) => Number.isInteger(x)));
  if (present >= ID_LIKE_MIN_ROWS && counts.size === present && integer) {
    return { action: 'drop', reason: 'id-like: every value is distinct' };
  }
  if (top >= NEAR_CONSTANT_SHARE * present) {
    return { action: 'drop', reason: `near-constant: one value in ${pct(top / present)} of rows` };
  }
  return { action: 'keep' };
}

/** A random column: few or many distinct values, some missing, sometimes one value in nearly every row. */
function randomColumn(rng: { next(): number }, kind: Column['kind']): Column {
  const n = 10 + Math.floor(rng.next() * 200);
  const distinct = [1, 2, 3, n, 2 * n][Math.floor(rng.next() * 5)]!;
  const missing = [0, 0.1, 0.6][Math.floor(rng.next() * 3)]!;
  const dominant = rng.next() < 0.3 ? 0.995 : 0;
  const draw = (): number => (rng.next() < dominant ? 0 : Math.floor(rng.next() * distinct));
  if (kind === 'categorical') {
    const codes = Int32Array.from({ length: n }, () => (rng.next() < missing ? -1 : draw()));
    return { kind, name: 'c', levels: Array.from({ length: 2 * n }, (_, i) => `l${i}`), codes };
  }
  const continuous = kind === 'numeric' && rng.next() < 0.3;
  const values = Float64Array.from({ length: n }, () => {
    if (rng.next() < missing) return Number.NaN;
    return kind === 'binary' ? draw() % 2 : continuous ? draw() + 0.5 * rng.next() : draw() - 1;
  });
  return kind === 'binary' ? { kind, name: 'b', values } : { kind, name: 'x', values };
}

describe('screenColumn', () => {
  it('gives the same verdict as a count of every value on 600 random columns (ties, missing, dominant values)', () => {
    const rng = streams(18).stream('screen');
    const kinds: Column['kind'][] = ['numeric', 'binary', 'categorical'];
    for (let t = 0; t < 600; t++) {
      const c = randomColumn(rng, kinds[t % 3]!);
      expect(screenColumn(c, false)).toEqual(naiveVerdict(c));
    }
  });

  it('calls a column with one value in 99 of 100 rows near-constant and keeps one with 98', () => {
    const col = (other: number): Column => {
      const values = Float64Array.from({ length: 100 }, (_, i) => (i < other ? i + 0.5 : 3));
      return { kind: 'numeric', name: 'x', values };
    };
    expect(screenColumn(col(1), false)).toEqual({ action: 'drop', reason: 'near-constant: one value in 99% of rows' });
    expect(screenColumn(col(2), false)).toEqual({ action: 'keep' });
  });
});
