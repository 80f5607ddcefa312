/**
 * The scenario's recommendation rule on simulated policies: samples gathered per policy, relative margins
 * resolved by hand, bad rule inputs reported as issues, and common random numbers checked in the simulator
 * itself (a policy that can send nobody home must replay clinic_only exactly, replication by replication).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthesizeCohort } from '../../src/data/synth.js';
import { decideIssues, decisionRule, policySamples, recommendPolicy } from '../../src/decide/index.js';
import { streams } from '../../src/random/index.js';
import { validateScenario } from '../../src/scenario/load.js';
import { metricNames, runReplication, settingsFromScenario, simCohortFromTable } from '../../src/sim/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectClose } from '../helpers/close.js';

const decide = validateScenario({}, 't.yaml').scenario.decide;
const FLOOR = [6, 8, 5, 7, 9, 6, 5, 8, 7, 6]; // mean 6.7
const HOME = [100, 104, 97, 110, 102, 99, 105, 101, 98, 103];

const reps = (policies: Record<string, { home: number[]; floor: number[] }>) =>
  HOME.map((_, r) => ({
    runs: Object.values(policies).map((p) => ({ policy: '', metrics: [p.home[r]!, p.floor[r]!] })),
  }));
const FLOOR_10PCT = {
  kind: 'non_inferior', measure: 'days_below_floor', reference: 'clinic_only', margin: 0, margin_relative: 0.1,
  better: 'lower',
} as const;

describe('decisionRule', () => {
  it('defaults to maximising home_transfusions, non-inferior to clinic_only on days_below_floor within 10%', () => {
    expect(decide.objective).toEqual({ measure: 'home_transfusions', sense: 'max' });
    expect(decide.constraints).toEqual([FLOOR_10PCT]);
  });

  it('resolves margin + margin_relative × |reference mean| (hand: 1 + 0.1 × 6.7 = 1.67)', () => {
    const s = [{ name: 'clinic_only', measures: { days_below_floor: FLOOR } }];
    const c = { ...FLOOR_10PCT, margin: 1 };
    const rule = decisionRule({ objective: decide.objective, constraints: [c] }, s);
    expect(rule.constraints[0]).toMatchObject({ kind: 'non_inferior', better: 'lower' });
    if (rule.constraints[0]!.kind === 'non_inferior') expectClose(rule.constraints[0]!.margin, 1.67, { abs: 1e-12 });
  });
});

describe('recommendPolicy on replications', () => {
  const metrics = ['home_transfusions', 'days_below_floor'];
  it('excludes the higher-home policy over the 10% floor margin and names the other (hand: +5 > 0.67)', () => {
    const r = reps({
      clinic_only: { home: HOME.map(() => 0), floor: FLOOR },
      aggressive: { home: HOME.map((v) => v + 50), floor: FLOOR.map((v) => v + 5) },
      balanced: { home: HOME, floor: FLOOR.map((v) => v + 0.5) },
    });
    const s = policySamples(r, ['clinic_only', 'aggressive', 'balanced'], metrics, metrics);
    const d = recommendPolicy(s, decide);
    expect(d.recommended).toBe('balanced');
    expect(d.decidedBy).toMatchObject({ kind: 'constraint', policy: 'aggressive' });
    if (d.decidedBy?.kind === 'constraint') expectClose(d.decidedBy.shortfall, 5 - 0.67, { abs: 1e-9 });
  });

  it('reports a tie when two admissible policies overlap, and averages antithetic pairs first (n = 5)', () => {
    const wiggle = [1, -1, 2, -2, 0, 1, -1, 2, -2, 0];
    const r = reps({
      clinic_only: { home: HOME.map(() => 0), floor: FLOOR },
      a: { home: HOME, floor: FLOOR },
      b: { home: HOME.map((v, i) => v + wiggle[i]!), floor: FLOOR },
    });
    const s = policySamples(r, ['clinic_only', 'a', 'b'], metrics, metrics, { antitheticPairs: true });
    expect(Array.from(s[1]!.measures.home_transfusions!)).toEqual([102, 103.5, 100.5, 103, 100.5]);
    const d = recommendPolicy(s, decide);
    expect(d.status).toBe('tied');
    expect(d.recommended).toBeNull();
    expect([...d.tied].sort()).toEqual(['a', 'b']);
  });
});

describe('decideIssues', () => {
  it('names the YAML path of an unknown measure and of a reference policy not simulated', () => {
    const bad = {
      objective: { measure: 'home_transfusion', sense: 'max' as const },
      constraints: [{ ...FLOOR_10PCT, reference: 'referral' as const }],
    };
    const issues = decideIssues(bad, ['home_transfusions', 'days_below_floor'], ['clinic_only']);
    expect(issues.map((i) => i.path)).toEqual(['decide.objective.measure', 'decide.constraints.0.reference']);
    expect(decideIssues(decide, ['home_transfusions', 'days_below_floor'], ['clinic_only'])).toEqual([]);
  });
});

describe('common random numbers across policies', () => {
  // The home program still keeps its fridge stock (units released, wasted, cost differ): compare the patients' side.
  const PATIENT_SIDE = ['transfusions', 'clinic_transfusions', 'days_below_trigger', 'days_below_floor', 'no_shows',
    'clinic_adverse_events', 'patient_travel_hours'];
  it('a greedy policy with nobody eligible replays clinic_only\'s patients exactly in every replication', async () => {
    const input = {
      cohort: { source: 'synthetic' as const, patients: 80 }, simulation: { horizon_days: 90, warmup_days: 7 },
    };
    const sc = validateScenario(input, 't.yaml').scenario;
    const { table } = synthesizeCohort(80, streams(sc.seed));
    const cohort = simCohortFromTable(table, { eligible: new Uint8Array(80) }, sc.clinical);
    const settings = settingsFromScenario(sc);
    const policies = ['clinic_only', 'priority_greedy'] as const;
    const runs = await Promise.all([0, 1, 2].map((rep) =>
      runReplication({ cohort, settings, seed: sc.seed, rep, policies, timeseries: false })));
    const names = metricNames(cohort, 14);
    const floor = names.indexOf('days_below_floor');
    const side = (m: ArrayLike<number>) => PATIENT_SIDE.map((k) => m[names.indexOf(k)]);
    for (const r of runs) expect(side(r.runs[1]!.metrics)).toEqual(side(r.runs[0]!.metrics));
    // the replications themselves differ, so equality above is the shared streams, not a constant model
    const distinct = (j: number) => new Set(runs.map((r) => r.runs[0]!.metrics[j])).size;
    expect(distinct(0) + distinct(floor)).toBeGreaterThan(2);
  });
});

describe('carestrata run with a bad rule', () => {
  it('an unknown objective measure → one line naming decide.objective.measure, exit 2, nothing written', () => {
    const dir = tempDir('carestrata-decide-');
    const file = join(dir, 'bad.yaml');
    const yaml = readFileSync('test/sweep/tiny.yaml', 'utf8') + 'decide:\n  objective: { measure: home_transfusion }\n';
    writeFileSync(file, yaml);
    const out = join(dir, 'out');
    const r = runCli(['run', file, '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/decide\.objective\.measure: not a simulator measure .*\(value "home_transfusion"\)/);
    expect(r.stderr.split('\n').filter((l) => /decide\./.test(l))).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});
