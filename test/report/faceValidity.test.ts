import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import type { PatientTable } from '../../src/data/table.js';
import { streams } from '../../src/random/index.js';
import { faceValidity } from '../../src/report/faceValidity.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { BaselineHistory } from '../../src/sim/index.js';
import { settingsFromScenario, simCohortFromTable, simulatePolicies } from '../../src/sim/index.js';
import { expectClose } from '../helpers/close.js';

/** Arithmetic only: floating error of a few ulps. */
const ARITHMETIC = { abs: 1e-12 };

function table(cols: Record<string, number[]>): PatientTable {
  const n = Object.values(cols)[0]!.length;
  const column = ([name, v]: [string, number[]]) => ({ kind: 'numeric' as const, name, values: Float64Array.from(v) });
  const columns = Object.entries(cols).map(column);
  return { idColumn: 'patient_id', ids: Array.from({ length: n }, (_, i) => `p${i}`), columns };
}

function baseline(transfusions: number[], units: number[], preHb: number[], countedDays: number): BaselineHistory {
  return {
    totals: {
      transfusions: Float64Array.from(transfusions), units: Float64Array.from(units),
      preHbSum: Float64Array.from(preHb, (h, i) => h * transfusions[i]!),
    },
    countedDays, replications: 1,
  };
}

describe('faceValidity(table, baseline): hand-computed cases', () => {
  it('rates per patient-year over the counted days, Hb per patient; a missing cell leaves the patient out', () => {
    // half a year counted: 5 and 6 transfusions → 10 and 12 a year; patient 2 has no recorded episodes
    const t = table({ episodes_12m: [10, 13, Number.NaN], units_12m: [20, 26, 4], hb_pre_mean_g_dl: [8, 9, 7.5] });
    const fv = faceValidity(t, baseline([5, 6, 1], [10, 12, 2], [8.3, 9.5, 7.5], 182.5));
    const [ep, un, hbMean, hbShare] = fv.checks;
    expectClose(ep!.recorded, 11.5, ARITHMETIC); // (10 + 13) / 2
    expectClose(ep!.simulated, 11, ARITHMETIC); // (10 + 12) / 2
    expect(ep!.patients).toBe(2);
    expect(ep!.holds).toBe(true); // 11 / 11.5 = 0.957
    expectClose(un!.recorded, 50, ARITHMETIC);
    expectClose(un!.simulated, 48, ARITHMETIC); // (10 + 12 + 2) × 2
    expectClose(hbMean!.simulated - hbMean!.recorded, (0.3 + 0.5 + 0) / 3, { abs: 1e-9 });
    expectClose(hbShare!.simulated, 1, ARITHMETIC);
    expect(fv.holds).toBe(true);
  });
  it('fails each bound just outside it, and says "not checked" for a missing column', () => {
    // 1 transfusion a year against 10 recorded: ratio 0.1; Hb 2 g/dL off for both patients
    const t = table({ episodes_12m: [10, 10], hb_pre_mean_g_dl: [8, 8] });
    const fv = faceValidity(t, baseline([1, 1], [2, 2], [10, 10], 365));
    expect(fv.checks.map((c) => c.holds)).toEqual([false, null, false, false]);
    expect(fv.holds).toBe(false);
    // the ratio bound: 8.5 / 10 = 0.85 holds, 8.4 / 10 does not
    expect(faceValidity(table({ episodes_12m: [10] }), baseline([8.5], [0], [0], 365)).checks[0]!.holds).toBe(true);
    expect(faceValidity(table({ episodes_12m: [10] }), baseline([8.4], [0], [0], 365)).checks[0]!.holds).toBe(false);
  });
});

interface ClinicOnly { readonly table: PatientTable; readonly baseline: BaselineHistory }

/** clinic_only on the synthetic cohort, one year after a 28-day warm-up. */
async function clinicOnly(n: number, clinicalYaml: string): Promise<ClinicOnly> {
  const simulation = 'simulation: { horizon_days: 393, warmup_days: 28, replications: 2, policies: [clinic_only] }';
  const sc = parseScenario(`clinical: ${clinicalYaml}\n${simulation}\n`, 'x.yaml').scenario;
  const { table: t } = synthesizeCohort(n, streams(sc.seed));
  const cohort = simCohortFromTable(t, {}, sc.clinical);
  const res = await simulatePolicies(cohort, settingsFromScenario(sc), sc.seed, { policies: ['clinic_only'] });
  return { table: t, baseline: res.baseline! };
}

describe('faceValidity on simulated runs', () => {
  it('the synthetic cohort under clinic_only reproduces its recorded 12 months within every bound', async () => {
    const { table: t, baseline: b } = await clinicOnly(400, '{}');
    expect(b.countedDays).toBe(365);
    expect(b.replications).toBe(2);
    const fv = faceValidity(t, b);
    expect(fv.checks.map((c) => [c.measure, c.holds])).toEqual(fv.checks.map((c) => [c.measure, true]));
    // the generator's truth: its decline is set so Hb lost between episodes = Hb gained (src/data/synth.ts),
    // so the cohort's yearly episodes are what the simulated line gives back
    expect(fv.checks[0]!.patients).toBe(400);
  });
  it('a deliberately wrong model fails: a doubled Hb rise per unit halves the episodes and units a year', async () => {
    const { table: t, baseline: b } = await clinicOnly(200, '{ increment_per_unit_g_dl: 2.0 }');
    const fv = faceValidity(t, b);
    expect(fv.checks[0]!.holds).toBe(false);
    expect(fv.checks[1]!.holds).toBe(false);
    // half the transfusions (± the per-patient clamps and rounding): the ratio is near 0.5
    const ratio = fv.checks[0]!.simulated / fv.checks[0]!.recorded;
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.65);
    expect(fv.holds).toBe(false);
  });
  it('a deliberately wrong model fails: one fixed trigger, not each patient\'s usual pre-transfusion Hb', async () => {
    const fixed = '{ trigger_column: null, trigger_g_dl: 10, floor_g_dl: 9, by_diagnosis: {} }';
    const { table: t, baseline: b } = await clinicOnly(200, fixed);
    const fv = faceValidity(t, b);
    expect(fv.checks[2]!.holds).toBe(false);
    expect(fv.checks[3]!.holds).toBe(false);
  });
});
