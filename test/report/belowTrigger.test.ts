/**
 * The report's reasons for days below the trigger (src/report/belowTrigger.ts) on a small simulation: every
 * number in its table is the paired mean difference computed here by hand from the replications' metrics,
 * and the reasons add up to the total (the rest is "between labs" by definition, so the identity checks
 * that the per-reason counts never exceed the closed-form days below the trigger).
 */
import { describe, expect, it } from 'vitest';
import { belowTriggerReasons } from '../../src/report/belowTrigger.js';
import { fmt } from '../../src/report/model.js';
import { validateScenario } from '../../src/scenario/load.js';
import { greedyPlanner, metricNames, settingsFromScenario, simulatePolicies, WAIT_REASONS } from '../../src/sim/index.js';
import { mixedCohort } from '../helpers/simCohort.js';

const signed = (x: number): string => `${x > 0 ? '+' : ''}${fmt(x, 1)}`;

describe('belowTriggerReasons(simulation)', () => {
  it('states, per home policy, the paired differences from clinic_only by reason, as the replications give them', async () => {
    const cohort = mixedCohort(7, 60);
    const sc = validateScenario({ program: { nurses: 2 }, simulation: { horizon_days: 150, warmup_days: 28, replications: 4 } }, 'r.yaml').scenario;
    const s = await simulatePolicies(cohort, settingsFromScenario(sc), 7, { workers: 0, policies: ['priority_greedy', 'lp_rolling'], rollingPlanner: greedyPlanner });
    const { paragraphs, table } = belowTriggerReasons(s);
    const names = metricNames(cohort, 14);
    // hand: mean over replications of (policy − clinic_only) for one metric
    const paired = (policy: string, metric: string): number => {
      const j = names.indexOf(metric);
      const d = s.replications.map((r) => r.runs.find((x) => x.policy === policy)!.metrics[j]! - r.runs.find((x) => x.policy === 'clinic_only')!.metrics[j]!);
      return d.reduce((a, b) => a + b, 0) / d.length;
    };
    expect(table!.rows.map((r) => r[0])).toEqual(['priority_greedy', 'lp_rolling']);
    const col = (name: string) => table!.header.indexOf(name);
    for (const row of table!.rows) {
      const p = String(row[0]);
      expect(row[col('Δ home wait')]).toBe(signed(paired(p, 'days_below_trigger_home_wait')));
      expect(row[col('Δ crossmatch')]).toBe(signed(paired(p, 'days_below_trigger_crossmatch')));
      expect(String(row[col('Δ days below trigger')])).toContain(signed(paired(p, 'days_below_trigger')));
      const parts = [...WAIT_REASONS, 'between_labs'].reduce((a, r) => a + paired(p, `days_below_trigger_${r}`), 0);
      expect(parts).toBeCloseTo(paired(p, 'days_below_trigger'), 9);
    }
    // each replication: the reasons never exceed the closed-form count (between labs ≥ 0)
    const rest = names.indexOf('days_below_trigger_between_labs');
    for (const r of s.replications) for (const run of r.runs) expect(run.metrics[rest]!).toBeGreaterThanOrEqual(0);
    expect(paragraphs[0]).toMatch(/waiting for a home slot [+-]?\d/);
    expect(paragraphs[1]).toMatch(/below the floor against clinic only: priority greedy/);
  });
});
