import { describe, expect, it } from 'vitest';
import { ARCHETYPES } from '../../src/data/archetypes.js';
import { tableToCsv } from '../../src/data/format.js';
import { ingestTable } from '../../src/data/ingest.js';
import { COHORT_SCHEMA } from '../../src/data/schema.js';
import { synthesizeCohort } from '../../src/data/synth.js';
import type { PatientTable } from '../../src/data/table.js';
import { getColumn, numericValues } from '../../src/data/table.js';
import { streams } from '../../src/random/index.js';

const N = 6000;
const cohort = synthesizeCohort(N, streams(42));
const { table, archetypes } = cohort;

function present(name: string, rows?: readonly number[]): number[] {
  const v = numericValues(table, name);
  const idx = rows ?? Array.from({ length: v.length }, (_, i) => i);
  return idx.map((i) => v[i]!).filter((x) => !Number.isNaN(x));
}
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
function share(t: PatientTable, column: string, levels: readonly string[]): number {
  const c = getColumn(t, column);
  if (c.kind !== 'categorical') throw new Error('categorical expected');
  let hit = 0;
  let total = 0;
  for (const code of c.codes) {
    if (code < 0) continue;
    total++;
    if (levels.includes(c.levels[code]!)) hit++;
  }
  return hit / total;
}
const rowsOf = (name: string): number[] => archetypes.flatMap((a, i) => (a === name ? [i] : []));

describe('synthesizeCohort(n, streams(seed))', () => {
  it('is byte-identical for the same seed and differs for another', () => {
    const again = tableToCsv(synthesizeCohort(500, streams(42)).table);
    expect(tableToCsv(synthesizeCohort(500, streams(42)).table)).toBe(again);
    expect(tableToCsv(synthesizeCohort(500, streams(43)).table)).not.toBe(again);
  });

  it('has exactly the documented columns and no archetype column', () => {
    expect([table.idColumn, ...table.columns.map((c) => c.name)]).toEqual(['patient_id', ...COHORT_SCHEMA.columns.map((c) => c.name)]);
    expect(tableToCsv(table)).not.toMatch(/mds_elderly_far|archetype/);
  });

  it('draws 5–7 archetypes in roughly their shares', () => {
    expect(ARCHETYPES.length).toBeGreaterThanOrEqual(5);
    expect(ARCHETYPES.length).toBeLessThanOrEqual(7);
    for (const a of ARCHETYPES) {
      const observed = rowsOf(a.name).length / N;
      // Binomial sd at n = 6000 is ≤ 0.0065; allow 4 sd.
      expect(Math.abs(observed - a.share)).toBeLessThan(0.026);
    }
  });

  it('reads back through the built-in schema without a single range or type error', () => {
    expect(() => ingestTable(tableToCsv(table), { file: 'synthetic.csv', schema: COHORT_SCHEMA, missing: 'keep' })).not.toThrow();
  });

  // DOMAIN.md, "Who receives": outpatient series mean age 67; MDS median 72 (IQR 66–77); chemo 64 ± 12.
  it('ages match DOMAIN.md: cohort mean within 60–72, MDS median within 66–77, chemotherapy mean 52–76', () => {
    expect(mean(present('age'))).toBeGreaterThan(60);
    expect(mean(present('age'))).toBeLessThan(72);
    const mdsRows = archetypes.flatMap((_, i) => i).filter((i) => {
      const c = getColumn(table, 'diagnosis');
      return c.kind === 'categorical' && c.codes[i]! >= 0 && c.levels[c.codes[i]!] === 'mds';
    });
    const mdsMedian = median(present('age', mdsRows));
    expect(mdsMedian).toBeGreaterThanOrEqual(66);
    expect(mdsMedian).toBeLessThanOrEqual(77);
    const chemo = mean(present('age', rowsOf('chemo_intermittent')));
    expect(chemo).toBeGreaterThan(52);
    expect(chemo).toBeLessThan(76);
  });

  // DOMAIN.md: MDS 59% (n = 85) vs aplastic/MDS/myelofibrosis 12/38 = 32% (cancer-clinic chair study);
  // haematological 14/38 + solid 12/38 = 68% vs chemotherapy anaemia 22% in the other series.
  it('diagnosis mix lies between the two cited series', () => {
    const marrow = share(table, 'diagnosis', ['mds', 'myelofibrosis', 'aplastic_anaemia']);
    expect(marrow).toBeGreaterThanOrEqual(0.32);
    expect(marrow).toBeLessThanOrEqual(0.59);
    const cancer = share(table, 'diagnosis', ['solid_tumour', 'haematological_malignancy']);
    expect(cancer).toBeGreaterThanOrEqual(0.22);
    expect(cancer).toBeLessThanOrEqual(0.68);
  });

  // DOMAIN.md, Hb dynamics: restrictive triggers 7–8 g/dL (MDS commonly < 8); thalassaemia pre-transfusion 9–10.5.
  it('Hb before transfusion: median 7–8.5 g/dL overall, thalassaemia mean 9–10.5', () => {
    const m = median(present('hb_pre_mean_g_dl'));
    expect(m).toBeGreaterThanOrEqual(7);
    expect(m).toBeLessThanOrEqual(8.5);
    const thal = mean(present('hb_pre_mean_g_dl', rowsOf('thalassaemia_young')));
    expect(thal).toBeGreaterThanOrEqual(9);
    expect(thal).toBeLessThanOrEqual(10.5);
  });

  // DOMAIN.md: "usually 2 units per episode" (pubmed 10894876).
  it('ABO/Rh groups in the US shares of DOMAIN.md (O+ 38%, O− 7%, A+ 34%, A− 6%, B+ 9%, B− 2%, AB+ 3%, AB− 1%), within 4 binomial SE', () => {
    const domain: [string, number][] = [['O+', 0.38], ['O-', 0.07], ['A+', 0.34], ['A-', 0.06], ['B+', 0.09], ['B-', 0.02], ['AB+', 0.03], ['AB-', 0.01]];
    for (const [group, p] of domain) expect(Math.abs(share(table, 'abo_rh', [group]) - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
  });

  it('units per episode: median 2', () => {
    expect(median(present('units_per_episode'))).toBe(2);
  });

  // DOMAIN.md: thalassaemia every 3–4 weeks (range 2–5); transfusion-dependent MDS ≈ 2 units/month.
  it('intervals: thalassaemia median 14–35 days, elderly MDS median 21–35 days', () => {
    const thal = median(present('interval_days_mean', rowsOf('thalassaemia_young')));
    expect(thal).toBeGreaterThanOrEqual(14);
    expect(thal).toBeLessThanOrEqual(35);
    const mds = median(present('interval_days_mean', rowsOf('mds_elderly_far')));
    expect(mds).toBeGreaterThanOrEqual(21);
    expect(mds).toBeLessThanOrEqual(35);
  });

  // DOMAIN.md: decline thalassaemia ≈ 1.0–1.3, transfusion-dependent MDS ≈ 0.5 g/dL/week (derived).
  it('Hb decline: elderly MDS median 0.35–0.65, thalassaemia median 0.8–1.4 g/dL/week', () => {
    const mds = median(present('hb_decline_g_dl_week', rowsOf('mds_elderly_far')));
    expect(mds).toBeGreaterThanOrEqual(0.35);
    expect(mds).toBeLessThanOrEqual(0.65);
    const thal = median(present('hb_decline_g_dl_week', rowsOf('thalassaemia_young')));
    expect(thal).toBeGreaterThanOrEqual(0.8);
    expect(thal).toBeLessThanOrEqual(1.4);
  });

  it('derived columns are consistent: units ≈ episodes × units per episode, interval ≈ 365 / episodes', () => {
    const ep = numericValues(table, 'episodes_12m');
    const units = numericValues(table, 'units_12m');
    const upe = numericValues(table, 'units_per_episode');
    const interval = numericValues(table, 'interval_days_mean');
    for (let i = 0; i < N; i++) {
      expect(Math.abs(units[i]! - ep[i]! * upe[i]!)).toBeLessThanOrEqual(0.01 * ep[i]! + 0.001);
      // interval noise is lognormal sd 0.05: 5 sd = ±25%
      expect(Math.abs(Math.log(interval[i]! / (365 / ep[i]!)))).toBeLessThan(0.25);
    }
  });

  it('has a few percent missing values and right-skewed distance and ferritin', () => {
    let missing = 0;
    let cells = 0;
    for (const c of table.columns) {
      for (let i = 0; i < N; i++) {
        cells++;
        if (c.kind === 'categorical' ? c.codes[i]! < 0 : Number.isNaN(c.values[i]!)) missing++;
      }
    }
    expect(missing / cells).toBeGreaterThan(0.002);
    expect(missing / cells).toBeLessThan(0.05);
    for (const name of ['distance_km', 'ferritin_ng_ml']) {
      const xs = present(name);
      expect(mean(xs)).toBeGreaterThan(median(xs) * 1.1);
    }
  });

  it('no single column separates the archetypes (each column leaves ≥ 2 archetypes overlapping)', () => {
    // For every numeric column, some pair of archetypes has overlapping interquartile ranges.
    for (const c of table.columns) {
      if (c.kind === 'categorical') continue;
      const iqr = ARCHETYPES.map((a) => {
        const xs = present(c.name, rowsOf(a.name)).sort((x, y) => x - y);
        return [xs[Math.floor(xs.length * 0.25)]!, xs[Math.floor(xs.length * 0.75)]!] as const;
      });
      const overlaps = iqr.some((p, i) => iqr.some((q, j) => i < j && p[0] <= q[1] && q[0] <= p[1]));
      expect(overlaps, c.name).toBe(true);
    }
  });
});
