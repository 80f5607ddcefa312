import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { streams } from '../../src/random/index.js';
import { alignSegments } from '../../src/rules/labels.js';
import { learnRules } from '../../src/rules/learn.js';
import { conditionCount } from '../../src/rules/text.js';
import type { RulesDocument } from '../../src/rules/types.js';
import { rulesSection } from '../../src/scenario/sections/rules.js';

import { expectHonestComparison } from './comparison.js';

// The synthetic cohort at N = 1,200, seed 42, as `carestrata synth -n 1200 --seed 42` makes it, and the rules
// stage's default seed (42). Segments: the truth archetypes, and the segment stage's own segments.csv for the same
// cohort (`carestrata segment --data c.csv --schema builtin`, k = 6, stored as a fixture: segmenting takes ~10 s).
const N = 1200;
const cohort = synthesizeCohort(N, streams(42));
const settings = rulesSection.parse({ bootstrap: 0 });
const fixture = new URL('./fixtures/segments-1200-seed42.csv', import.meta.url);

function check(doc: RulesDocument): void {
  const f1 = doc.rules.map((r) => r.metrics.holdout!.f1).sort((a, b) => a - b);
  expect(doc.rules).toHaveLength(6);
  expect((f1[2]! + f1[3]!) / 2).toBeGreaterThanOrEqual(0.85);
  for (const r of doc.rules) {
    for (const t of r.terms) expect(conditionCount(t), r.segment).toBeLessThanOrEqual(3);
    expectHonestComparison(r);
  }
}

describe('learnRules at N = 1,200, seed 42 (issue 4 acceptance)', () => {
  it('truth archetypes: median held-out F1 ≥ 0.85, ≤ 3 conditions per term, the recommended rule trails the other learner only within the interval', () => {
    check(learnRules(cohort.table, cohort.archetypes, settings, streams(42).child('rules')));
  });

  it("the segment stage's segments (weighted by confidence): the same bounds", () => {
    const labels = alignSegments(readFileSync(fixture, 'utf8'), 'segments-1200-seed42.csv', cohort.table, cohort.table.idColumn);
    expect(labels.confidence).toBeDefined();
    const doc = learnRules(cohort.table, labels.labels, settings, streams(42).child('rules'), { confidence: labels.confidence! });
    check(doc);
    // Each rule records how its budget was chosen: inner 5-fold validation over both learners and 1–3 terms.
    for (const r of doc.rules) {
      expect(r.selection!.folds).toBe(5);
      expect(r.selection!.candidates).toHaveLength(6);
    }
  });
});
