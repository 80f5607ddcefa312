/**
 * The hand-made five-patient OMOP fixture (test/fixtures/omop5): every expected value below is worked out by
 * hand from the CSV rows, with the arithmetic written next to it.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConcepts } from '../../src/data/events/readConcepts.js';
import { extractCohort } from '../../src/data/events/extract.js';
import type { PatientTable } from '../../src/data/table.js';
import { cellText } from '../../src/data/table.js';
import { expectClose } from '../helpers/close.js';

const DIR = resolve(import.meta.dirname, '../fixtures/omop5');
const R = 6371.0088; // mean Earth radius, km

function row(t: PatientTable, id: string): Record<string, string> {
  const i = t.ids.indexOf(id);
  expect(i).toBeGreaterThanOrEqual(0);
  return Object.fromEntries(t.columns.map((c) => [c.name, cellText(c, i)]));
}
const n = (s: string | undefined): number => Number(s);

describe('extractCohort(omop, five-patient fixture, as-of 2025-06-30)', async () => {
  const run = await extractCohort('omop', DIR, { concepts: readConcepts(), asOf: '2025-06-30' });

  it('keeps patients 1, 2, 5 and lists 3 (short history) and 4 (no transfusion in the look-back)', () => {
    expect(run.table.ids).toEqual(['1', '2', '5']);
    expect(run.excluded.map((e) => [e.id, e.reason])).toEqual([['3', 'short_history'], ['4', 'no_transfusion_in_lookback']]);
    // patient 3's first record is the Hb of 2025-04-28: 63 days before as-of
    expect(run.excluded[0]!.detail).toContain('63 days');
    expect(run.table.columns).toHaveLength(25);
  });

  it('patient 1: three episodes (30 Sep + 1 Oct merge), slopes, chair hours, Charlson hierarchy', () => {
    const r = row(run.table, '1');
    expect(n(r.age)).toBe(75); // born 1950-03-15
    expect(r.sex).toBe('M');
    expect(r.diagnosis).toBe('mds');
    expect(r.abo_rh).toBe('A+'); // "A pos"
    expect(n(r.episodes_12m)).toBe(3); // 2 Sep; 30 Sep–1 Oct; 28 Oct (1 May 2024 is outside the window)
    expect(n(r.units_12m)).toBe(6); // 2 + (1 + 1) + 2; the code 99999 row is not a transfusion
    expect(n(r.units_per_episode)).toBe(2);
    expect(n(r.interval_days_mean)).toBe(28); // (28 Oct − 2 Sep) / 2 = 56 / 2
    expectClose(n(r.hb_pre_mean_g_dl), 23.0 / 3, { abs: 0.005 }); // (7.5 [lowest of 2 Sep] + 7.9 + 7.6) / 3
    // (9.5 − 7.9) / (26 d / 7) and (9.8 − 7.6) / (26 d / 7): mean 1.9 · 7 / 26
    expectClose(n(r.hb_decline_g_dl_week), (1.9 * 7) / 26, { abs: 0.0005 });
    expect(n(r.clinic_hours_12m)).toBe(12.5); // 4 + 2 + 2.5 + 4 h; the ED visit is not chair time
    expectClose(n(r.distance_km), (R * 0.1 * Math.PI) / 180, { abs: 0.005 }); // 0.1° along a meridian
    expectClose(n(r.travel_min_one_way), 8 + 1.1 * ((R * 0.1 * Math.PI) / 180), { abs: 0.05 }); // no travel_time row
    expect(n(r.weight_kg)).toBe(78); // 80 kg of March 2024 is outside the window
    expect(n(r.ferritin_ng_ml)).toBe(1500);
    expect(n(r.ecog)).toBe(1);
    expect(n(r.charlson_index)).toBe(3); // heart failure 1 + complicated diabetes 2 (uncomplicated not added)
    expect(n(r.heart_failure)).toBe(1);
    expect(n(r.reactions_12m)).toBe(1); // T80.89 on 3 Sep 2024
    expect(n(r.ed_visits_12m)).toBe(1); // 1 Dec 2024; Jan 2024 is outside
    expect([r.lives_alone, r.caregiver_available, r.phone_access]).toEqual(['1', '0', '1']);
    expect([r.alloantibodies, r.haemolytic_reaction_history]).toEqual(['0', '0']); // screen value 0
  });

  it('patient 2: units from quantity-less rows, missing pre-Hb, estimated chair hours, travel table', () => {
    const r = row(run.table, '2');
    expect(n(r.age)).toBe(34); // born 1990-07-01, birthday one day after as-of
    expect(r.sex).toBe('F');
    expect(r.diagnosis).toBe('thalassaemia');
    expect(r.abo_rh).toBe('O-');
    expect(n(r.episodes_12m)).toBe(3);
    expect(n(r.units_12m)).toBe(8); // three rows without quantity + 3 + 2
    expectClose(n(r.units_per_episode), 8 / 3, { abs: 0.0005 });
    expect(n(r.interval_days_mean)).toBe(21); // (21 Feb − 10 Jan) / 2
    expectClose(n(r.hb_pre_mean_g_dl), 9.7, { abs: 0.005 }); // (9.5 + 9.9) / 2; no Hb before 21 Feb
    expectClose(n(r.hb_decline_g_dl_week), (3.6 * 7) / 20, { abs: 0.0005 }); // (13.5 − 9.9) / (20 d / 7)
    expectClose(n(r.clinic_hours_12m), 8 * 1.8 + 3 * 0.5, { abs: 0.005 }); // visit without times → estimate
    // spherical law of cosines (independent of the haversine in the code) for 0.2° of longitude at 45° N
    const phi = (45 * Math.PI) / 180;
    const d = R * Math.acos(Math.sin(phi) ** 2 + Math.cos(phi) ** 2 * Math.cos((0.2 * Math.PI) / 180));
    expectClose(n(r.distance_km), d, { abs: 0.005 });
    expect(n(r.travel_min_one_way)).toBe(35); // travel_time row
    expect([r.weight_kg, r.ferritin_ng_ml, r.ecog]).toEqual(['', '', '']);
    expect([r.lives_alone, r.caregiver_available, r.phone_access]).toEqual(['0', '', '']);
    expect([r.alloantibodies, r.haemolytic_reaction_history, r.reactions_12m, r.charlson_index]).toEqual(['1', '1', '0', '0']);
  });

  it('patient 5: one episode, main diagnosis by record count, metastatic replaces malignancy, ED 9203 + 262', () => {
    const r = row(run.table, '5');
    expect(n(r.age)).toBe(64); // born 1961-06-30: birthday on the as-of date
    expect(r.sex).toBe('F'); // gender_concept_id 0, source value F
    expect(r.diagnosis).toBe('solid_tumour'); // C18.7 ×2 + C78.7 vs C90.0 ×1
    expect([n(r.episodes_12m), n(r.units_12m), n(r.units_per_episode)]).toEqual([1, 1, 1]);
    expect(r.interval_days_mean).toBe('');
    expect(n(r.hb_pre_mean_g_dl)).toBe(7.2);
    expect(r.hb_decline_g_dl_week).toBe('');
    expect(n(r.clinic_hours_12m)).toBe(2.25);
    expect([r.distance_km, r.travel_min_one_way]).toEqual(['', '']);
    expect(n(r.charlson_index)).toBe(6); // malignancy 2 and metastatic 6 → 6
    expect(n(r.ed_visits_12m)).toBe(3);
    expect(n(r.reactions_12m)).toBe(1); // SNOMED 82545002
  });
});
