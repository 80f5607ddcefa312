/**
 * synth events → extract → the generator's patient-level truth, for OMOP CSV and FHIR NDJSON. Tolerances are
 * the rounding of what the generator writes (stated per column); everything else must match exactly.
 */
import { describe, expect, it } from 'vitest';
import { extractCohort } from '../../src/data/events/extract.js';
import { readConcepts } from '../../src/data/events/readConcepts.js';
import type { PatientTable } from '../../src/data/table.js';
import { cellText } from '../../src/data/table.js';
import { synthesizeCohort, syntheticId } from '../../src/data/synth.js';
import { fhirFiles } from '../../src/extract/synth/fhir.js';
import { SYNTH_AS_OF, synthesizeEvents } from '../../src/extract/synth/generate.js';
import { omopFiles } from '../../src/extract/synth/omop.js';
import { streams } from '../../src/random/index.js';
import { writeOutputs } from '../../src/report/outputs.js';
import { tempDir } from '../helpers/cli.js';

const N = 150;
/** Absolute tolerances: Hb written to 0.01 g/dL (slope error ≤ 0.005 / (gap ≥ 3 days / 7) plus 0.0005 output
 * rounding), visit seconds and lat/lon to 7 decimals, units per episode 2 decimals in the truth; the rest are
 * counts, codes or copied values. */
const TOL: Readonly<Record<string, number>> = {
  hb_pre_mean_g_dl: 0.0101, hb_decline_g_dl_week: 0.02, units_per_episode: 0.0051, interval_days_mean: 0.006,
  clinic_hours_12m: 0.006, distance_km: 0.006, travel_min_one_way: 0.051,
};

function compare(extracted: PatientTable, truth: PatientTable, idOf: (i: number) => string): void {
  expect(extracted.ids).toHaveLength(truth.ids.length);
  const row = new Map(extracted.ids.map((id, i) => [id, i]));
  let checked = 0;
  for (let i = 0; i < truth.ids.length; i++) {
    const j = row.get(idOf(i));
    expect(j, `patient row ${i} extracted`).toBeDefined();
    for (const c of truth.columns) {
      const e = extracted.columns.find((x) => x.name === c.name)!;
      const want = cellText(c, i);
      const got = cellText(e, j!);
      const tol = TOL[c.name];
      if (tol === undefined || want === '') expect(got, `${c.name} of row ${i}`).toBe(want);
      else expect(Math.abs(Number(got) - Number(want)), `${c.name} of row ${i}: ${got} vs ${want}`).toBeLessThanOrEqual(tol);
      checked++;
    }
  }
  expect(checked).toBe(truth.ids.length * 25);
}

describe('synth events → extract reproduces the generator truth', async () => {
  const { events, truth } = synthesizeEvents(N, streams(11));
  const concepts = readConcepts();

  it('OMOP CSV', async () => {
    const dir = tempDir('carestrata-omop-rt-');
    writeOutputs(dir, omopFiles(events));
    const run = await extractCohort('omop', dir, { concepts, asOf: SYNTH_AS_OF });
    expect(run.excluded).toEqual([]);
    compare(run.table, truth, (i) => String(i + 1));
  });

  it('FHIR NDJSON (travel time estimated from distance: FHIR carries no travel-time table)', async () => {
    const dir = tempDir('carestrata-fhir-rt-');
    writeOutputs(dir, fhirFiles(events));
    const run = await extractCohort('fhir', dir, { concepts, asOf: SYNTH_AS_OF });
    expect(run.excluded).toEqual([]);
    const travel = truth.columns.findIndex((c) => c.name === 'travel_min_one_way');
    const distance = truth.columns.find((c) => c.name === 'distance_km')!;
    const estimate = Float64Array.from({ length: N }, (_, i) => 8 + 1.1 * (distance.kind === 'categorical' ? 0 : distance.values[i]!));
    const fhirTruth = { ...truth, columns: truth.columns.map((c, k) => (k === travel && c.kind !== 'categorical' ? { ...c, values: estimate } : c)) };
    compare(run.table, fhirTruth, syntheticId);
  });

  it('the truth is the patient-level generator\'s table except the five columns events make exact', () => {
    const base = synthesizeCohort(N, streams(11)).table;
    expect(truth.ids).toEqual(base.ids);
    const fixed = ['interval_days_mean', 'hb_decline_g_dl_week', 'charlson_index', 'travel_min_one_way', 'ed_visits_12m'];
    for (const c of base.columns) if (!fixed.includes(c.name)) expect(truth.columns.find((x) => x.name === c.name)).toEqual(c);
  });
});
