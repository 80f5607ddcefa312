import { describe, expect, it } from 'vitest';
import type { PatientTable } from '../../src/data/table.js';
import { normal, streams } from '../../src/random/index.js';
import { segmentSection } from '../../src/scenario/sections/segment.js';
import { bootstrapStability } from '../../src/segment/bootstrap.js';
import { segmentPatients } from '../../src/segment/segment.js';

const SETTINGS = { resamples: 20, wardShare: 0.5, maxFitRows: 10_000, wardRows: 800 };

/** n rows in d dimensions: `centres` (each d long) with unit spread, rows assigned round-robin; labels = generator truth. */
function blobs(n: number, d: number, centres: readonly number[][], seed: number): { x: Float64Array; labels: Int32Array } {
  const rng = streams(seed).stream('test/blobs');
  const x = new Float64Array(n * d), labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % centres.length;
    for (let f = 0; f < d; f++) x[i * d + f] = normal(rng, centres[labels[i]!]![f]!, 1);
  }
  return { x, labels };
}

describe('bootstrapStability (clusterboot by independent refits)', () => {
  it('scores well-separated generator clusters (20 sd apart) ≈ 1', () => {
    const { x, labels } = blobs(150, 2, [[0, 0], [20, 0], [0, 20]], 1);
    const s = bootstrapStability(x, 150, 2, labels, 3, SETTINGS, streams(1));
    for (const v of s) expect(v).toBeGreaterThan(0.95);
  });

  it('scores an arbitrary split of one round Gaussian cloud below Hennig\'s 0.75 "stable"', () => {
    // one isotropic cloud in 5 dimensions has no preferred 4-way split; a split along coordinate signs is arbitrary
    const { x } = blobs(300, 5, [[0, 0, 0, 0, 0]], 2);
    const labels = Int32Array.from({ length: 300 }, (_, i) => (x[i * 5]! > 0 ? 1 : 0) + (x[i * 5 + 1]! > 0 ? 2 : 0));
    const s = bootstrapStability(x, 300, 5, labels, 4, SETTINGS, streams(2));
    expect(Math.min(...s)).toBeLessThan(0.75);
  });
});

describe('segmentPatients on data without clusters', () => {
  it('says "no stable structure" (warning and rule) on one Gaussian cloud', () => {
    const n = 300, d = 5;
    const { x } = blobs(n, d, [[0, 0, 0, 0, 0]], 3);
    const table: PatientTable = {
      idColumn: 'patient_id', ids: Array.from({ length: n }, (_, i) => `p${i}`),
      columns: Array.from({ length: d }, (_, f) => ({ kind: 'numeric' as const, name: `x${f}`, values: Float64Array.from({ length: n }, (_, i) => x[i * d + f]!) })),
    };
    const seg = segmentPatients(table, segmentSection.parse({ members: 10, k_max: 6 }), streams(3));
    expect(seg.chosenBy).toMatch(/^no stable structure/);
    expect(seg.warnings.some((w) => w.startsWith('no stable structure'))).toBe(true);
  });
});
