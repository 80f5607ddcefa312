/** One trigger and floor per patient: the rule's precedence, hand cases, and bad thresholds rejected with their path. */
import { describe, expect, it } from 'vitest';
import { thresholdsFromTable } from '../../src/data/thresholds.js';
import type { PatientTable } from '../../src/data/table.js';
import { InputError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/load.js';

const clinical = parseScenario('{}', 'x.yaml').scenario.clinical;

function table(dx: (string | null)[], usual: number[]): PatientTable {
  const levels = [...new Set(dx.filter((d): d is string => d !== null))];
  return {
    idColumn: 'patient_id', ids: dx.map((_, i) => `p${i}`),
    columns: [
      { kind: 'categorical', name: 'diagnosis', levels, codes: Int32Array.from(dx, (d) => (d === null ? -1 : levels.indexOf(d))) },
      { kind: 'numeric', name: 'hb_pre_mean_g_dl', values: Float64Array.from(usual) },
    ],
  } as PatientTable;
}

describe('thresholdsFromTable(table, clinical)', () => {
  it('trigger: patient column, else diagnosis, else default; floor by diagnosis else 7; lowered when not below the trigger', () => {
    const t = thresholdsFromTable(table(['mds', 'thalassaemia', 'thalassaemia', null, 'mds'], [7.6, Number.NaN, 9.8, Number.NaN, 6.8]), clinical);
    // p0: usual 7.6, floor 7 · p1: no usual → thalassaemia 9.5 / 9 · p2: usual 9.8, thal floor 9 · p3: defaults 8 / 7
    // p4: usual 6.8 ≤ floor 7 → floor 6.8 − 0.5 = 6.3 (counted)
    expect(Array.from(t.triggerGdl)).toEqual([7.6, 9.5, 9.8, 8, 6.8]);
    expect(Array.from(t.floorGdl).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([7, 9, 9, 7, 6.3]);
    expect(t.floorsLowered).toBe(1);
  });
  it('trigger_column: null ignores the patient column', () => {
    const t = thresholdsFromTable(table(['mds'], [7.6]), { ...clinical, trigger_column: null });
    expect(t.triggerGdl[0]).toBe(8);
  });
});

describe('bad thresholds in the scenario', () => {
  const issuesOf = (yaml: string): string[] => {
    try { parseScenario(yaml, 'bad.yaml'); } catch (e) { if (e instanceof InputError) return e.issues.map((i) => String(i.path)); throw e; }
    return [];
  };
  it('a floor at or above the trigger is rejected with its YAML path, per diagnosis too', () => {
    expect(issuesOf('clinical: { trigger_g_dl: 7, floor_g_dl: 7.5 }\n')).toEqual(['clinical.floor_g_dl']);
    expect(issuesOf('clinical: { by_diagnosis: { sickle_cell: { trigger_g_dl: 6.5 } } }\n')).toEqual(['clinical.by_diagnosis.sickle_cell.floor_g_dl']);
  });
});
