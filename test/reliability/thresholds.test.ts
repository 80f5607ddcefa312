/**
 * A floor at or above the trigger (issue 16 acceptance: "a trigger above the floor" inverted), bad
 * clinical-timing keys and bad holiday-calendar dates: exit 2, one line naming the file and the YAML path,
 * nothing written.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

/** ISO date k days after Monday 30 March 2026. */
const isoDay = (k: number): string => new Date(Date.UTC(2026, 2, 30 + k)).toISOString().slice(0, 10);

const CASES = [
  ['clinical:\n  trigger_g_dl: 7\n  floor_g_dl: 7.5\n', 'clinical.floor_g_dl'],
  ['clinical:\n  by_diagnosis:\n    sickle_cell: { trigger_g_dl: 8, floor_g_dl: 8 }\n', 'clinical.by_diagnosis.sickle_cell.floor_g_dl'],
  ['clinical:\n  crossmatch_valid_days: 0\n', 'clinical.crossmatch_valid_days'],
  // the holiday calendar: 30 February is no date; day 0 must be a Monday (31 March 2026 is a Tuesday); holidays
  // are dates, so they need the date of day 0
  ['program:\n  calendar:\n    start_date: 2026-03-30\n    holidays: [2026-04-03, 2026-04-06, 2026-05-01, 2026-02-30]\n', 'program.calendar.holidays[3]'],
  ['program:\n  calendar:\n    start_date: 2026-03-30\n    holidays: [2026-04-03, 2026-04-06, 2026-05-01, Easter]\n', 'program.calendar.holidays[3]'],
  ['program:\n  calendar:\n    start_date: 2026-03-31\n', 'program.calendar.start_date'],
  ['program:\n  calendar:\n    holidays: [2026-04-03]\n', 'program.calendar.start_date'],
  // 29 days closed in a row (listed out of order, the run's first date named): every transfusion would stop; a
  // 28-day closure (the most allowed) is accepted (test/service/holidays.test.ts)
  ['program:\n  calendar:\n    start_date: 2026-03-30\n    holidays: [' + Array.from({ length: 29 }, (_, k) => isoDay(28 - k)).join(', ') + ']\n', 'program.calendar.holidays[28]'],
  // an HbS target above the untransfused baseline is never reached
  ['regimen:\n  exchange_hbs_target_share: 0.95\n', 'regimen.exchange_hbs_target_share'],
] as const;

describe('bad clinical thresholds, timing and calendar: exit 2, the YAML path named, nothing written', () => {
  for (const [yaml, path] of CASES) {
    it(`${path}`, () => {
      const root = tempDir('thresholds-');
      const file = join(root, 'bad.yaml');
      writeFileSync(file, `simulation: { replications: 2, horizon_days: 60, warmup_days: 7 }\ncohort: { source: synthetic, patients: 30 }\n${yaml}`);
      const out = join(root, 'out');
      const r = runCli(['simulate', '-s', file, '-o', out]);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('bad.yaml');
      expect(lines[0]).toContain(path);
      expect(existsSync(out) ? listFiles(out) : []).toEqual([]);
    });
  }
});
