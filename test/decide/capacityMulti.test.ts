/**
 * Two-factor capacity against a closed form: a patient is served when both a nurse (Erlang-loss, 4 erlangs
 * offered to n nurses) and a home unit (Erlang-loss, 3 erlangs offered to u units) are free, independently:
 * served share = (1 − B(n, 4)) · (1 − B(u, 3)). Cost 100·n + 30·u. The truth is found by brute force over the
 * 10 × 10 grid of closed-form values.
 */
import { describe, expect, it } from 'vitest';
import { cheapestCapacity, combinations } from '../../src/decide/capacityMulti.js';
import type { MultiCapacityOptions } from '../../src/decide/capacityMulti.js';
import { capacityGrid } from '../../src/decide/capacity.js';
import { runProcedure } from '../../src/decide/drive.js';
import { bernoulliShare, erlangB } from './erlang.js';

const ARRIVALS = 200;
const LEVELS = Array.from({ length: 10 }, (_, i) => i + 1);
const LEVELS_100 = Array.from({ length: 100 }, (_, i) => i);

const served = (n: number, u: number): number => (1 - erlangB(n, 4)) * (1 - erlangB(u, 3));
const cost = ([n, u]: readonly number[]): number => 100 * n! + 30 * u!;

/** Replication r draws the same uniforms for every combination (common random numbers). */
function evaluator(seed: number, p: (n: number, u: number) => number) {
  const all = combinations([{ name: 'nurses', levels: LEVELS }, { name: 'units', levels: LEVELS }]);
  return (index: number, rep: number): number => {
    const [n, u] = all[index]!;
    return bernoulliShare(seed, rep, p(n!, u!), ARRIVALS);
  };
}

function bruteForce(target: number): { combination: number[]; cost: number } {
  let best = { combination: [0, 0], cost: Infinity };
  for (const n of LEVELS) {
    for (const u of LEVELS) {
      if (served(n, u) >= target && cost([n, u]) < best.cost) best = { combination: [n, u], cost: cost([n, u]) };
    }
  }
  return best;
}

const options: MultiCapacityOptions = {
  factors: [{ name: 'nurses', levels: LEVELS }, { name: 'units', levels: LEVELS }],
  cost, target: { op: '>=', value: 0.85 }, confidence: 0.95,
};

describe('cheapestCapacity', () => {
  it('finds the brute-force cheapest combination 6 nurses × 7 units (cost 810, served 0.8635)', () => {
    expect(bruteForce(0.85)).toEqual({ combination: [6, 7], cost: 810 });
    const r = runProcedure(cheapestCapacity(options), evaluator(1, served));
    expect(r.status).toBe('found');
    expect(r.combination).toEqual([6, 7]);
    expect(r.cost).toBe(810);
  });

  it('over 40 seeds answers only combinations that meet the target, spending under half the full grid', () => {
    let exact = 0;
    for (let seed = 0; seed < 40; seed++) {
      const r = runProcedure(cheapestCapacity(options), evaluator(100 + seed, served));
      if (r.combination) expect(served(r.combination[0]!, r.combination[1]!)).toBeGreaterThanOrEqual(0.85);
      if (r.cost === 810) exact++;
      if (seed < 5) {
        // The full grid at equal confidence: all 100 combinations, α split over 100 (indices as levels; only
        // its replication count is used here).
        const grid = runProcedure(capacityGrid({ ...options, levels: LEVELS_100 }), evaluator(100 + seed, served));
        expect(r.replications).toBeLessThan(grid.replications / 2);
      }
    }
    expect(exact).toBeGreaterThanOrEqual(36);
  });

  it('skips rows by cost and restricts rows by dominance', () => {
    const r = runProcedure(cheapestCapacity(options), evaluator(2, served));
    expect(r.rows.some((row) => row.skipped === 'cost')).toBe(true);
    // Row n = 7 comes after n = 6 (answer u = 7), so its search may only use u ≤ 7.
    const row7 = r.rows.find((row) => row.row[0] === 7)!;
    expect(row7.search ? Math.max(...row7.search.visited.map((v) => v.level)) : 0).toBeLessThanOrEqual(7);
  });

  it('reports non-monotone evidence when more nurses make a smaller unit count fail', () => {
    // Served share falls for n ≥ 8 unless u = 10: row 8's restricted top fails where row 6 passed.
    const bent = (n: number, u: number): number => (n >= 8 && u < 10 ? 0.5 : served(n, u));
    const cheapNurses = ([n, u]: readonly number[]): number => 10 * n! + 30 * u!;
    const r = runProcedure(cheapestCapacity({ ...options, cost: cheapNurses }), evaluator(3, bent));
    expect(r.status).toBe('non_monotone');
    expect(r.message).toMatch(/More of nurses/);
  });

  it('reports none feasible when even the largest combination misses the target', () => {
    const unreachable = { ...options, target: { op: '>=', value: 0.999 } } as const;
    const r = runProcedure(cheapestCapacity(unreachable), evaluator(4, served));
    expect(r.status).toBe('none_feasible');
    expect(r.combination).toBeNull();
  });
});
