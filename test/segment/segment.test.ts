import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { ARCHETYPES } from '../../src/data/archetypes.js';
import type { PatientTable } from '../../src/data/table.js';
import { InputError } from '../../src/errors.js';
import { streams } from '../../src/random/index.js';
import { segmentSection } from '../../src/scenario/sections/segment.js';
import type { SegmentSettingsInput } from '../../src/scenario/sections/segment.js';
import { adjustedRandIndex } from '../../src/segment/metrics.js';
import { kmeans } from '../../src/segment/kmeans.js';
import { preprocess } from '../../src/segment/preprocess.js';
import { segmentPatients } from '../../src/segment/segment.js';
import { segmentsCsv } from '../../src/segment/output.js';

/** Acceptance: ARI against the generator's archetypes (issue 3). */
const MIN_ARI = 0.8;
/** Acceptance: exact and micro-cluster consensus agree (issue 3). */
const MIN_AGREEMENT = 0.95;

const settings = (s: SegmentSettingsInput = {}) => segmentSection.parse(s);
const truthCodes = (names: readonly string[]) => Int32Array.from(names, (a) => ARCHETYPES.findIndex((x) => x.name === a));

describe('segmentPatients on the synthetic cohort', () => {
  it('N = 1200: chooses k = 6 (the number of archetypes) with ARI ≥ 0.80; a bad single k-means run scores lower', () => {
    const { table, archetypes } = synthesizeCohort(1200, streams(42));
    const truth = truthCodes(archetypes);
    // 20 members per k instead of the CLI's 50 keeps the suite fast; the choice is the same at 50 (docs/segment.md)
    const seg = segmentPatients(table, settings({ members: 20 }), streams(42));
    expect(seg.k).toBe(ARCHETYPES.length);
    expect(seg.consensus).toBe('exact');
    const ari = adjustedRandIndex(seg.labels, truth);
    expect(ari).toBeGreaterThanOrEqual(MIN_ARI);
    // Single k-means runs (k = 6, same features) over ten seeds: the worst is clearly below the consensus,
    // so the cohort is not trivially separable.
    const fm = preprocess(table, {
      features: [], exclude: seg.features.dropped.filter((d) => d.reason === 'excluded').map((d) => d.column), scaling: 'zscore',
      redundancy: 0.9, pca: 0, indicatorScaling: 'mismatch', categoricalWeight: 2,
    });
    const single = Array.from({ length: 10 }, (_, s) => adjustedRandIndex(kmeans(fm.data, fm.n, fm.d, { k: 6, rng: streams(s).stream('single') }).labels, truth));
    expect(Math.min(...single)).toBeLessThan(MIN_ARI);
    expect(Math.min(...single)).toBeLessThan(ari - 0.1);
    // labels in [0, k), confidence in [0, 1], segments numbered by size
    expect(seg.labels.every((l) => l >= 0 && l < seg.k)).toBe(true);
    expect(seg.confidence.every((c) => c >= 0 && c <= 1)).toBe(true);
    const sizes = seg.profiles.map((p) => p.size);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1200);
    // every segment has a label and the per-k table covers 2..10
    expect(seg.perK.map((m) => m.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(seg.profiles.every((p) => p.label.length > 0)).toBe(true);
  });

  it('N = 20,000: scalable consensus chooses k = 6 with ARI ≥ 0.80', () => {
    const { table, archetypes } = synthesizeCohort(20_000, streams(42));
    const seg = segmentPatients(table, settings({ members: 10 }), streams(42));
    expect(seg.consensus).toBe('micro');
    expect(seg.k).toBe(6);
    expect(adjustedRandIndex(seg.labels, truthCodes(archetypes))).toBeGreaterThanOrEqual(MIN_ARI);
    // PAC and the CDF came from sampled pairs, not all 2·10⁸ pairs
    expect(seg.perK.every((m) => !m.pairsExhaustive)).toBe(true);
  });

  it('exact and micro-cluster consensus agree (ARI ≥ 0.95) on n = 5,000', () => {
    const { table } = synthesizeCohort(5000, streams(3));
    const exact = segmentPatients(table, settings({ k: 6, members: 20, consensus: 'exact', exact_max_rows: 5000 }), streams(3));
    const micro = segmentPatients(table, settings({ k: 6, members: 20, consensus: 'micro' }), streams(3));
    expect(exact.warnings).toEqual([]);
    expect(adjustedRandIndex(exact.labels, micro.labels)).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  });

  it('rows outside the reference sample are labelled through micro-clusters and get their own confidence', () => {
    const { table, archetypes } = synthesizeCohort(3000, streams(5));
    const seg = segmentPatients(table, settings({ k: 6, members: 10, reference_rows: 1000 }), streams(5));
    expect(seg.referenceRows).toBe(1000);
    expect(adjustedRandIndex(seg.labels, truthCodes(archetypes))).toBeGreaterThanOrEqual(MIN_ARI);
    expect(new Set(seg.confidence).size).toBeGreaterThan(100);
  });

  it('same seed → identical segments.csv; another seed still finds the same segments', () => {
    const { table } = synthesizeCohort(400, streams(9));
    const run = (seed: number) => segmentPatients(table, settings({ k: 4, members: 8 }), streams(seed));
    const a = run(1), b = run(1), c = run(2);
    expect(segmentsCsv(table.ids, a)).toBe(segmentsCsv(table.ids, b));
    expect(adjustedRandIndex(a.labels, c.labels)).toBeGreaterThan(0.8);
  });
});

describe('segmentPatients bad input', () => {
  const tiny = (n: number): PatientTable => ({
    idColumn: 'patient_id', ids: Array.from({ length: n }, (_, i) => `p${i}`),
    columns: [{ kind: 'numeric', name: 'x', values: Float64Array.from({ length: n }, (_, i) => i) }],
  });
  const issue = (f: () => unknown): string => {
    try { f(); } catch (e) { if (e instanceof InputError) return `${e.issues[0]!.code} ${e.issues[0]!.path ?? ''}`.trim(); throw e; }
    return 'no error';
  };
  it('k larger than n names the option', () => {
    expect(issue(() => segmentPatients(tiny(5), settings({ k: 6 }), streams(1)))).toBe('k_too_large segment.k');
    expect(issue(() => segmentPatients(tiny(5), settings({ k_max: 8 }), streams(1), { optionPath: (k) => `--${k}` }))).toBe('k_too_large --k_max');
  });
  it('fewer than 2 rows', () => {
    expect(issue(() => segmentPatients(tiny(1), settings({ k: 2 }), streams(1)))).toBe('too_few_rows');
  });
});
