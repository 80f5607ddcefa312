import { describe, expect, it } from 'vitest';
import { bloodParagraph } from '../../src/report/blood.js';
import { validateScenario } from '../../src/scenario/load.js';
import type { SimulationResult } from '../../src/sim/index.js';

describe('bloodParagraph(simulation, policy, scenario)', () => {
  const row = (metric: string, mean: number) => ({ policy: 'lp_rolling', metric, mean, ciLow: mean, ciHigh: mean, n: 2 });
  const sim = {
    table: [row('units_wasted', 12), row('units_wasted_home_pct', 1.25), row('units_wasted_clinic', 40), row('units_wasted_clinic_pct', 0.5),
      row('o_neg_units_home', 3), row('o_neg_home_pct', 0.4), row('o_neg_units_clinic', 7), row('o_neg_clinic_pct', 0.02)],
  } as unknown as SimulationResult;

  it('states wastage and O− use at home and in the clinic as counts and percentages, and the return rule', () => {
    const box = validateScenario({}, 't.yaml').scenario;
    const text = bloodParagraph(sim, 'lp_rolling', box)!;
    expect(text).toMatch(/home wastage 12 units \(1\.3% of units used or wasted at home/);
    expect(text).toMatch(/clinic and blood-bank wastage 40 units \(0\.5%\)/);
    expect(text).toMatch(/3 units at home \(0\.4%\), 7 in the clinic \(0%\)/);
    expect(text).toMatch(/unopened validated box may go back to stock within 120 min/);
    const noBox = validateScenario({ blood: { transport_box: false } }, 't.yaml').scenario;
    expect(bloodParagraph(sim, 'lp_rolling', noBox)).toMatch(/only within 30 min \(no transport box\)/);
    expect(bloodParagraph(sim, 'referral', box)).toBeUndefined();
  });
});
