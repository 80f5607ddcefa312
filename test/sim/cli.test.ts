/**
 * `carestrata simulate` end to end on the compiled CLI: outputs, determinism across runs and worker counts,
 * bad input → one clear line, exit 2, nothing written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

const SMALL = `name: sim-small
seed: 11
cohort: { source: synthetic, patients: 150 }
program: { nurses: 1, home_units_per_day: 4 }
simulation: { horizon_days: 90, warmup_days: 14, replications: 3, lp_time_limit_sec: 30 }
`;

function scenario(text = SMALL): string {
  const dir = tempDir('sim-scn-');
  const path = join(dir, 's.yaml');
  writeFileSync(path, text);
  return path;
}

const OUTPUTS = ['differences.csv', 'policies.csv', 'replications.csv', 'simulation.json', 'timeseries.csv'];

describe('carestrata simulate', () => {
  const path = scenario();
  const runs = [1, 2, 1].map((workers) => {
    const out = join(tempDir('sim-out-'), 'o');
    const r = runCli(['simulate', '--scenario', path, '--workers', String(workers), '--out', out]);
    return { out, r };
  });

  it('writes the four CSVs and a summary, and prints the policy table', () => {
    const { out, r } = runs[0]!;
    expect(r.stderr).not.toMatch(/P0\d{5}/); // no patient ids in logs
    expect(r.code).toBe(0);
    expect(listFiles(out)).toEqual(OUTPUTS);
    expect(r.stdout).toMatch(/clinic_only/);
    expect(r.stdout).toMatch(/lp_rolling/);
    const policies = readFileSync(join(out, 'policies.csv'), 'utf8').split('\n');
    expect(policies[0]).toBe('policy,metric,mean,ci_low,ci_high,n');
    expect(policies.some((l) => l.startsWith('priority_greedy,home_transfusions,'))).toBe(true);
    const diff = readFileSync(join(out, 'differences.csv'), 'utf8');
    expect(diff.split('\n')[0]).toBe('policy,comparison,versus,metric,mean_difference,ci_low,ci_high,n');
    expect(diff).toMatch(/priority_greedy,vs_clinic_only,clinic_only,home_transfusions,/);
    expect(diff).toMatch(/priority_greedy,vs_best_heuristic,/);
    const ts = readFileSync(join(out, 'timeseries.csv'), 'utf8').trim().split('\n');
    expect(ts.length).toBe(1 + 7 * 90);
  });

  it('same seed → identical files; 1 or 2 workers → identical files', () => {
    for (const f of OUTPUTS) {
      const a = readFileSync(join(runs[0]!.out, f), 'utf8');
      expect(readFileSync(join(runs[1]!.out, f), 'utf8')).toBe(a);
      expect(readFileSync(join(runs[2]!.out, f), 'utf8')).toBe(a);
    }
  });

  it('--policies narrows the comparison (clinic_only always kept)', () => {
    const out = join(tempDir('sim-out-'), 'o');
    const r = runCli(['simulate', '-s', path, '-p', 'referral', '-r', '2', '-w', '0', '-o', out]);
    expect(r.code).toBe(0);
    const names = new Set(readFileSync(join(out, 'policies.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    expect([...names]).toEqual(['clinic_only', 'referral']);
  });

  const bad: [string, string[], string | undefined, RegExp][] = [
    ['replications 0', ['--replications', '0'], undefined, /--replications: must be an integer ≥ 1 \(value 0\)/],
    ['an unknown policy', ['--policies', 'referral,best_guess'], undefined, /--policies: unknown policy .*\(value "best_guess"\)/],
    ['warm-up longer than the horizon', [], SMALL.replace('warmup_days: 14', 'warmup_days: 120'), /simulation\.warmup_days.*shorter than the horizon/],
    ['a probability above 1', [], SMALL.replace('replications: 3', 'replications: 3, failed_access_probability: 1.5'), /simulation\.failed_access_probability/],
    ['a negative probability', [], SMALL.replace('replications: 3', 'replications: 3, clinic_no_show_probability: -0.1'), /simulation\.clinic_no_show_probability/],
    ['a negative arrival rate', [], SMALL.replace('patients: 150', 'patients: 150, arrivals_per_month: { mds: -2 }'), /cohort\.arrivals_per_month\.mds/],
    ['arrivals of a diagnosis no archetype has', [], SMALL.replace('patients: 150', 'patients: 150, arrivals_per_month: { flu: 2 }'), /cohort\.arrivals_per_month\.flu/],
  ];
  for (const [what, extra, text, message] of bad) {
    it(`rejects ${what}: exit 2, one line, nothing written`, () => {
      const out = join(tempDir('sim-bad-'), 'o');
      const r = runCli(['simulate', '--scenario', text ? scenario(text) : path, ...extra, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n').length).toBe(1);
      expect(existsSync(out)).toBe(false);
    });
  }

  it('--help explains every option', () => {
    const r = runCli(['simulate', '--help']);
    expect(r.code).toBe(0);
    for (const o of ['--scenario', '--out', '--replications', '--policies', '--workers', '--segments', '--lp-planner', '--json']) expect(r.stdout).toContain(o);
  });
});

describe('carestrata simulate: lp_rolling planners', () => {
  const path = scenario('seed: 3\ncohort: { source: synthetic, patients: 60 }\nprogram: { nurses: 1 }\nsimulation: { horizon_days: 42, warmup_days: 7, replications: 1, lp_time_limit_sec: 30 }\n');
  const run = (extra: string[]) => {
    const out = join(tempDir('sim-out-'), 'o');
    const r = runCli(['simulate', '-s', path, '-p', 'lp_rolling', ...extra, '-o', out]);
    const summary = JSON.parse(readFileSync(join(out, 'simulation.json'), 'utf8')) as { lp_rolling: Record<string, number | string> };
    const line = readFileSync(join(out, 'policies.csv'), 'utf8').split('\n').find((l) => l.startsWith('lp_rolling,home_transfusions,'))!;
    return { r, summary, home: Number(line.split(',')[2]) };
  };

  it('by default re-solves the optimize model (HiGHS) at every re-plan and books home visits from its plan', () => {
    const { r, summary, home } = run([]);
    expect(r.code).toBe(0);
    expect(summary.lp_rolling.planner).toMatch(/^optimize/);
    expect(summary.lp_rolling.replans).toBe(6); // days 0, 7, …, 35
    expect(Number(summary.lp_rolling.optimal) + Number(summary.lp_rolling.node_limit)).toBe(6 - Number(summary.lp_rolling.empty));
    expect(summary.lp_rolling.time_limit).toBe(0);
    expect(summary.lp_rolling.fallback_to_greedy).toBe(0);
    expect(home).toBeGreaterThan(0);
  });

  it('--lp-planner greedy uses the look-ahead greedy instead', () => {
    const { r, summary, home } = run(['--lp-planner', 'greedy']);
    expect(r.code).toBe(0);
    expect(summary.lp_rolling.planner).toBe('greedy');
    // every re-plan is the greedy's, or empty when no visit of a due candidate fits a nurse's day (service model)
    expect(Number(summary.lp_rolling.greedy) + Number(summary.lp_rolling.empty)).toBe(6);
    expect(Number(summary.lp_rolling.greedy)).toBeGreaterThan(0);
    expect(home).toBeGreaterThan(0);
  });
});
