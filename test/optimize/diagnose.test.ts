import { describe, expect, it } from 'vitest';
import { episodeWindows, planAllocation } from '../../src/optimize/index.js';
import { costs, patient, program, settings } from './fixtures.js';

describe('episode windows and infeasibility diagnosis', () => {
  it('episodeWindows follows the closed form: hbNow 8.5, 0.7 g/dL/week, trigger 8, floor 7 → days 5..15', () => {
    // earliest = ⌈(8.5 − 8)/0.1⌉ = 5, latest = ⌊(8.5 − 7)/0.1⌋ = 15 (hand calculation)
    const w = episodeWindows(patient('x', { hbNowGDl: 8.5, hbDeclinePerWeek: 0.7, floorGDl: 7, hbIncrementPerUnit: 2 }), 0, { horizonDays: 28, earlyMarginGDl: 0, overdueGraceDays: 3 });
    expect(w[0]).toMatchObject({ earliest: 5, latest: 15, mandatory: true, overdue: false });
    // second: base 10.5 → earliest ⌈25⌉ = 25, latest ⌊35⌋ = 35 > 28 → optional
    expect(w[1]).toMatchObject({ earliest: 25, latest: 35, mandatory: false });
    expect(w).toHaveLength(2);
  });

  it('a due transfusion whose window is a weekend yields infeasible with a clinical_timing diagnosis naming patient and days', async () => {
    // Monday start, Mon–Fri working. Patient 1 (trigger 7, floor 6, 1 g/dL a day): earliest ⌈13 − 7⌉ = 6,
    // latest ⌊13 − 6⌋ = 7 — Saturday and Sunday.
    const patients = [patient('ok'), patient('weekend', { hbNowGDl: 13, triggerGDl: 7, floorGDl: 6 })];
    const plan = await planAllocation(patients, program({ working_days: [1, 2, 3, 4, 5] }), costs(), settings({ horizon_days: 10 }), { solver: 'highs', guard: 'inline' });
    expect(plan.status).toBe('infeasible');
    expect(plan.assignments).toHaveLength(0);
    expect(plan.diagnosis).toHaveLength(1);
    const d = plan.diagnosis[0]!;
    expect(d.family).toBe('clinical_timing');
    expect(d.patients).toEqual([1]);
    expect(d.days).toEqual([6, 7]);
    expect(d.message).toMatch(/patient #1: transfusion 1 must happen on days 6–7, none of them a working day/);
  });

  it('two due transfusions squeezed into a one-day grace period are diagnosed (the first one has no day left)', async () => {
    // Already below the floor (overdue) twice over: both due within the 1-day grace period.
    const p = patient('x', { hbNowGDl: 2, hbIncrementPerUnit: 1, floorGDl: 6 });
    const plan = await planAllocation([p], program(), costs(), settings({ horizon_days: 3, overdue_grace_days: 1 }), { solver: 'highs', guard: 'inline' });
    expect(plan.status).toBe('infeasible');
    expect(plan.diagnosis[0]).toMatchObject({ family: 'clinical_timing', patients: [0] });
    expect(plan.diagnosis[0]!.message).toMatch(/patient #0: transfusion 1 has an empty window/);
  });
});
