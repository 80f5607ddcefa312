import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

const SMALL = `name: optimize-cli
seed: 11
cohort: { source: synthetic, patients: 120 }
program: { nurses: 1, clinic_chairs: 3 }
costs: {}
optimize: { time_limit_sec: 20, objective: cost }
`;

function scenario(dir: string, text: string): string {
  const p = join(dir, 's.yaml');
  writeFileSync(p, text);
  return p;
}

describe('carestrata optimize (compiled CLI)', () => {
  it('writes plan.csv, plan.json and the LP file, prints the day-by-day table, and repeats byte-identically', () => {
    const dir = tempDir();
    const s = scenario(dir, SMALL);
    const out1 = join(dir, 'a');
    const r = runCli(['optimize', '--scenario', s, '--out', out1, '--export-lp', join(dir, 'model.lp')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/status optimal/);
    expect(r.stdout).toMatch(/capacity use: home visits \d+\/\d+/);
    expect(r.stderr).not.toMatch(/P0000\d\d/); // no patient ids in logs
    expect(listFiles(out1)).toEqual(['plan.csv', 'plan.json']);
    const csv = readFileSync(join(out1, 'plan.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('day,patient_id,setting,nurse,units,nurse_hours,chair_hours,episode,trip_stop,trip_with,apheresis_hours');
    // every home visit names one nurse on duty (1-based); a clinic row names none
    for (const line of csv.trim().split('\n').slice(1)) {
      const [, , setting, nurse] = line.split(',');
      if (setting === 'home') expect(Number(nurse)).toBeGreaterThanOrEqual(1);
      else expect(nurse).toBe('');
    }
    const json = JSON.parse(readFileSync(join(out1, 'plan.json'), 'utf8')) as Record<string, unknown>;
    for (const k of ['status', 'objective', 'bound', 'gap', 'solver', 'load_dependent', 'rows', 'cols', 'capacity_use']) expect(json).toHaveProperty(k);
    expect(json.status).toBe('optimal');
    expect((json.capacity_use as unknown[]).length).toBe(28);
    // red cell exchanges (the synthetic cohort's sickle cell patients, regimen defaults): on the apheresis chairs,
    // 3 h each (exchange_chair_hours), 3 chairs × 9 h on working days, off the transfusion chairs
    const exchanges = csv.trim().split('\n').slice(1).map((l) => l.split(',')).filter((r) => r[10] !== '');
    expect(exchanges.length).toBeGreaterThan(0);
    for (const r of exchanges) expect([r[2], r[6], r[10]]).toEqual(['clinic', '0', '3']);
    const use = json.capacity_use as { working: boolean; exchanges: number; apheresis_hours: number; apheresis_hours_cap: number }[];
    for (const d of use) {
      expect(d.apheresis_hours_cap).toBe(d.working ? 27 : 0);
      expect(d.apheresis_hours).toBe(3 * d.exchanges);
    }
    expect(use.reduce((n, d) => n + d.exchanges, 0)).toBe(exchanges.length);
    const lp = readFileSync(join(dir, 'model.lp'), 'utf8');
    expect(lp).toMatch(/^Minimize$/m);
    expect(lp).toMatch(new RegExp(`${json.cols} columns, ${json.rows} rows`));
    expect(lp).toMatch(/^ apheresis_hours_d01: 3 clinic_p\d+_d01 /m);
    const out2 = join(dir, 'b');
    expect(runCli(['optimize', '--scenario', s, '--out', out2]).code).toBe(0);
    expect(readFileSync(join(out2, 'plan.csv'), 'utf8')).toBe(csv);
    const strip = (t: string): string => t.replace(/"seconds": [\d.]+/, '');
    expect(strip(readFileSync(join(out2, 'plan.json'), 'utf8'))).toBe(strip(readFileSync(join(out1, 'plan.json'), 'utf8')));
  });

  const bad: [string, string, RegExp][] = [
    ['zero nurses with the home objective', 'program: { nurses: 0 }\noptimize: { objective: home }\n', /program\.nurses: objective "home" needs at least one nurse/],
    ['negative capacity', 'program: { clinic_chairs: -2 }\n', /program\.clinic_chairs/],
    ['horizon 0', 'optimize: { horizon_days: 0 }\n', /optimize\.horizon_days/],
    ['an unknown optimize key', 'optimize: { horizon: 5 }\n', /optimize/],
  ];
  for (const [what, yaml, message] of bad) {
    it(`bad input (${what}) → exit 2, one clear line, nothing written`, () => {
      const dir = tempDir();
      const s = scenario(dir, `cohort: { source: synthetic, patients: 20 }\n${yaml}`);
      const out = join(dir, 'out');
      const r = runCli(['optimize', '--scenario', s, '--out', out, '--export-lp', join(dir, 'm.lp')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(join(dir, 'm.lp'))).toBe(false);
    });
  }

  it('--help explains every option', () => {
    const r = runCli(['optimize', '--help']);
    for (const o of ['--scenario', '--out', '--solver', '--time-limit', '--export-lp', '--export-mps', '--json']) expect(r.stdout).toContain(o);
  });
});
