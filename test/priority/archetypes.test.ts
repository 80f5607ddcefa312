import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { streams } from '../../src/random/index.js';
import { formatGroupTable, scoreByGroup, scorePatients } from '../../src/priority/index.js';
import { settings } from './fixtures.js';

// The generator's truth labels are the independent reference: which archetype should lead is a clinical reading
// of src/data/archetypes.ts (far MDS: long travel, 2-unit episodes every ~26 days; palliative: ECOG 3–4;
// chemotherapy: episodes every ~80 days, close by; complex: alloantibodies, haemolytic history).
const { table, archetypes } = synthesizeCohort(1200, streams(42));
const byName = (rows: ReturnType<typeof scoreByGroup>) => Object.fromEntries(rows.map((r) => [r.group, r]));

describe('score distribution by archetype (default weights)', () => {
  const r = scorePatients(table, settings());
  const rows = scoreByGroup(r, archetypes, 0.1);
  const g = byName(rows);
  it('prints as a text table', () => {
    const text = formatGroupTable(rows);
    expect(text.split('\n')[0]).toMatch(/^group\s+patients\s+eligible\s+mean\s+p10\s+median\s+p90\s+top 10%\s+share of top$/);
    expect(text).toContain('mds_elderly_far');
  });
  it('ranks far MDS and frail palliative patients above intermittent chemotherapy patients', () => {
    expect(g.mds_elderly_far!.median).toBeGreaterThan(g.chemo_intermittent!.median + 10);
    expect(g.palliative_frail!.median).toBeGreaterThan(g.chemo_intermittent!.median + 10);
  });
  it('excludes the complex high-risk archetype most often', () => {
    const share = (x: { eligible: number; patients: number }): number => x.eligible / x.patients;
    for (const row of rows) if (row.group !== 'complex_high_risk') expect(share(g.complex_high_risk!)).toBeLessThan(share(row));
  });
  it('the top 10% is not all one archetype', () => {
    const leaders = rows.filter((x) => x.inTop > 0);
    expect(leaders.length).toBeGreaterThanOrEqual(2);
    for (const x of rows) expect(x.shareOfTop).toBeLessThan(0.8);
  });
  it('…unless the weights say so: travel burden alone puts far MDS patients at the top', () => {
    const travel = scoreByGroup(scorePatients(table, settings({ weights: { travel_burden: 1 } })), archetypes, 0.1);
    expect(byName(travel).mds_elderly_far!.shareOfTop).toBeGreaterThan(0.8);
  });
});
