/**
 * Segmentation on real data sets with known classes (issue 18). The data come from Debian R packages
 * (r-cran-palmerpenguins, r-cran-mlbench, r-cran-mclust), exported with Rscript at test time into a scratch
 * folder; without them these tests are skipped and say so in their title. Reference figures are scikit-learn
 * 1.2.1 outputs (KMeans n_init = 10, Ward, z-scored columns, one-hot categoricals), measured by
 * `npm run bench -- quality` and recorded in docs/segment.md: the target is the better of the two − 0.02.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { streams } from '../../src/random/index.js';
import { segmentSection } from '../../src/scenario/sections/segment.js';
import type { SegmentSettingsInput } from '../../src/scenario/sections/segment.js';
import { adjustedRandIndex } from '../../src/segment/metrics.js';
import { segmentPatients } from '../../src/segment/segment.js';
import { loadRealSet, realDataUnavailable } from '../../bench/real/datasets.js';
import type { RealSetName } from '../../bench/real/datasets.js';

const unavailable = realDataUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'carestrata-real-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(name: RealSetName, s: SegmentSettingsInput) {
  const set = loadRealSet(name, dir);
  const seg = segmentPatients(set.table, segmentSection.parse({ ...s, k_max: Math.max(10, set.classes + 3) }), streams(42));
  return { set, seg, ari: adjustedRandIndex(set.truth, seg.labels) };
}

const title = unavailable ? `real data sets — SKIPPED: ${unavailable}` : 'real data sets (Debian R packages)';

describe.skipIf(unavailable !== undefined)(title, () => {
  it('penguins (mixed numeric/categorical, missing values) at the true k = 3: ARI ≥ KMeans/Ward 0.649 − 0.02', () => {
    const { set, seg, ari } = run('penguins', { k: 3 });
    expect(set.truth.length).toBe(344);
    // sex is one of the default exclusions (the references got the same five columns)
    expect(seg.features.columns).toEqual(['island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g']);
    expect(ari).toBeGreaterThanOrEqual(0.649 - 0.02);
  });

  it('mlbench Zoo (binary columns) at the true k = 7: ARI ≥ Ward 0.680 − 0.02', () => {
    const { ari } = run('Zoo', { k: 7 });
    expect(ari).toBeGreaterThanOrEqual(0.680 - 0.02);
  });

  it('mclust banknote: k chosen = 2 (the classes), ARI ≥ Ward 0.960 − 0.02', () => {
    const { seg, ari } = run('banknote', {});
    expect(seg.k).toBe(2);
    expect(ari).toBeGreaterThanOrEqual(0.960 - 0.02);
  });

  it('mclust thyroid: k chosen = 3 (the classes) although k = 2 is unstable', () => {
    const { seg } = run('thyroid', {});
    expect(seg.k).toBe(3);
    expect(seg.warnings.some((w) => w.startsWith('no stable structure'))).toBe(false);
  });

  it('mlbench Glass (classes overlap: KMeans and Ward reach ARI ≤ 0.15 at the true k): no stable structure, said', () => {
    const { seg } = run('Glass', {});
    expect(seg.chosenBy).toMatch(/^no stable structure/);
    expect(seg.warnings.some((w) => w.startsWith('no stable structure'))).toBe(true);
  });
});
