/**
 * A floor at or above the trigger (issue 16 acceptance: "a trigger above the floor" inverted) and bad
 * clinical-timing keys: exit 2, one line naming the file and the YAML path, nothing written.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

const CASES = [
  ['clinical:\n  trigger_g_dl: 7\n  floor_g_dl: 7.5\n', 'clinical.floor_g_dl'],
  ['clinical:\n  by_diagnosis:\n    sickle_cell: { trigger_g_dl: 8, floor_g_dl: 8 }\n', 'clinical.by_diagnosis.sickle_cell.floor_g_dl'],
  ['clinical:\n  crossmatch_valid_days: 0\n', 'clinical.crossmatch_valid_days'],
] as const;

describe('bad clinical thresholds and timing: exit 2, the YAML path named, nothing written', () => {
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
