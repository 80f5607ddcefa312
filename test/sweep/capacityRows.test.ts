/**
 * The two-factor capacity search's rows: every level tried is reported with the values that were evaluated.
 * Truth: a deterministic model whose service level is a known function of (nurses, units), so each tried
 * record's mean must equal that function at the record's reported values.
 */
import { describe, expect, it } from 'vitest';
import { runProcedure } from '../../src/decide/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { CapacityManifest } from '../../src/sweep/capacityManifest.js';
import { rowPlan } from '../../src/sweep/capacityRows.js';
import type { Factor } from '../../src/sweep/vary.js';

const factor = (path: string, levels: number[]): Factor => ({
  path, levels, lo: Math.min(...levels), hi: Math.max(...levels), integer: true, base: levels[0]!,
});

describe('rowPlan with two capacity factors', () => {
  it('reports each tried level with the nurses and units it was evaluated at', () => {
    const scenario = validateScenario({}, 't.yaml').scenario;
    const nurses = [1, 2, 3, 4], units = [8, 16, 24, 32, 40];
    const m = {
      scenario, capacity: [factor('program.nurses', nurses), factor('program.home_units_per_day', units)], outer: [],
      target: { measure: 'served', op: '>=', value: 0.45 }, confidence: 0.95, policy: 'priority_greedy',
      procedure: 'bisection', schedule: { initialReplications: 4, maxReplications: 64, growth: 2 }, monotoneTolerance: 0,
    } as unknown as CapacityManifest;
    // served share: min(nurses / 4, units / 40), plus tiny replication noise (intervals need a spread)
    const served = (n: number, u: number) => Math.min(n / 4, u / 40);
    const all = nurses.flatMap((n) => units.map((u) => [n, u] as const));
    const plan = rowPlan(m, {});
    const result = runProcedure(plan.procedure, (i, r) => served(...all[i]!) + ((r % 2) - 0.5) * 1e-3);
    const answer = plan.finish(result);
    expect(answer.tried.length).toBeGreaterThan(0);
    for (const t of answer.tried) {
      const n = t.values['program.nurses']!, u = t.values['program.home_units_per_day']!;
      expect(nurses).toContain(n);
      expect(units).toContain(u);
      expect(t.record.mean).toBeCloseTo(served(n, u), 3);
    }
    // meeting 0.45 needs ≥ 2 nurses (1 gives 0.25) and ≥ 18 units → 24; the cheapest of those is (2, 24)
    expect(answer.answer).toEqual({ 'program.nurses': 2, 'program.home_units_per_day': 24 });
  });
});
