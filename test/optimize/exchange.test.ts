import { describe, expect, it } from 'vitest';
import { assembleModel, loadHighs, planAllocation, toLpText, toMpsText } from '../../src/optimize/index.js';
import { expectClose } from '../helpers/close.js';
import { costs, patient, program, settings } from './fixtures.js';

/** Same model, two parsers: objectives agree to HiGHS' default MIP tolerances on a model with values ≤ 1e3. */
const ROUND_TRIP_TOL = { rel: 1e-7, abs: 1e-6 };

function instance() {
  const patients = Array.from({ length: 8 }, (_, i) =>
    patient(`p${i}`, { score: 10 + 7 * i, hbNowGDl: 7.5 + (i % 4) * 0.7, hbDeclinePerWeek: 3 + (i % 3), hbIncrementPerUnit: 1.5, unitsPerEpisode: 1 + (i % 2), eligible: i % 3 !== 0, travelMinOneWay: 20 + 5 * i, distanceKm: 3 * i }));
  return [patients, program({ max_visits_per_nurse_per_day: 2, clinic_chairs: 1, clinic_hours_per_day: 3, working_days: [1, 2, 3, 4, 5] }), costs({ chair_hour_cost: 60, nurse_hour_cost: 25, unit_cost: 190, overflow_penalty_per_chair_hour: 200, patient_cost_per_km: 0.3 }), settings({ horizon_days: 10 })] as const;
}

describe('LP and MPS export', () => {
  for (const objective of ['home', 'cost', 'mix'] as const) {
    it(`solving the exported LP text with highs gives the internal objective (${objective})`, async () => {
      const [patients, prog, c, s0] = instance();
      const s = { ...s0, objective };
      const plan = await planAllocation(patients, prog, c, s, { solver: 'highs', guard: 'inline' });
      expect(plan.status).toBe('optimal');
      const lp = toLpText(assembleModel(patients, prog, c, s).model);
      const highs = await loadHighs();
      const r = highs.solve(lp, { mip_rel_gap: 0 });
      expect(r.Status).toBe('Optimal');
      expectClose(r.ObjectiveValue, plan.objective!, ROUND_TRIP_TOL);
      const mps = highs.withModel({ format: 'mps', data: new TextEncoder().encode(toMpsText(assembleModel(patients, prog, c, s).model)) }, (m) => {
        m.options.set({ output_flag: false, mip_rel_gap: 0 });
        m.run();
        return m.getObjectiveValue();
      });
      // the MPS file is always a minimisation: a maximising model is written with its objective negated
      expectClose(mps, plan.sense === 'max' ? -plan.objective! : plan.objective!, ROUND_TRIP_TOL);
    });
  }

  it('writes the dialect every reader accepts: readable names, spaced coefficients, Binary, End, no ranged rows', () => {
    const [patients, prog, c, s] = instance();
    const lp = toLpText(assembleModel(patients, prog, c, s).model);
    expect(lp).toMatch(/^Maximize$/m);
    expect(lp).toMatch(/^Binary$/m);
    expect(lp).not.toMatch(/^Bin$/m);
    expect(lp.trimEnd().endsWith('End')).toBe(true);
    expect(lp).toMatch(/home_p0001_d0\d/);
    // no coefficient glued to a name, no bracketed names, no ranged rows (two comparison operators)
    expect(lp).not.toMatch(/(?<![\w.])\d+(?:\.\d+)?[a-df-z_]/i);
    expect(lp).not.toMatch(/[[\]]/);
    for (const line of lp.split('\n')) expect((line.match(/<=|>=|=/g) ?? []).length).toBeLessThanOrEqual(1);
  });
});
