import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadScenarioFile, parseScenario } from '../../src/scenario/load.js';

function problems(text: string): string[] {
  try {
    parseScenario(text, 's.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.message.split('\n');
    throw e;
  }
  return [];
}

describe('parseScenario(text, file)', () => {
  it('fills every default for an empty scenario', () => {
    const { scenario } = parseScenario('', 'empty.yaml');
    expect(scenario.seed).toBe(42);
    expect(scenario.cohort).toEqual({
      source: 'synthetic', patients: 1200,
      // closed by default (issue 16 item 6, docs/model.md): no departures, balanced arrivals, no growth → nobody arrives
      arrivals_per_month: 'balanced', departures_per_year: {}, palliative_departures_per_year: 0, palliative_ecog_min: 3, growth_per_year: 0,
    });
    expect(scenario.program.nurses).toBe(2);
  });

  it('keeps given values', () => {
    const { scenario } = parseScenario('seed: 9\nprogram:\n  nurses: 5\n', 's.yaml');
    expect(scenario.seed).toBe(9);
    expect(scenario.program.nurses).toBe(5);
  });

  it('reports a typo\'d key with its YAML path', () => {
    expect(problems('program:\n  nurse: 3\n')).toEqual(['s.yaml, program.nurse: unknown key (typo?)']);
  });

  it('refuses the removed simulation.home_stock_units in one line that points to the blood keys', () => {
    const lines = problems('simulation:\n  home_stock_units: 2\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^s\.yaml, simulation\.home_stock_units: removed: .*blood\.stock_days.*program\.home_units_per_day/);
  });

  it('reports a string where a number belongs, with path and line', () => {
    const lines = problems('seed: 1\nprogram:\n  nurses: three\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^s\.yaml, program\.nurses: .*expected number.*\(line 3\)$/);
  });

  it('reports every problem at once', () => {
    const lines = problems('seeed: 1\nprogram:\n  nurses: -1\n  shift_hours: x\ncohort:\n  source: synthetic\n  patients: 1\n');
    expect(lines.some((l) => l.startsWith('s.yaml, seeed: unknown key'))).toBe(true);
    expect(lines.some((l) => l.startsWith('s.yaml, program.nurses:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('s.yaml, program.shift_hours:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('s.yaml, cohort.patients:'))).toBe(true);
  });

  it('rejects YAML syntax errors with a line', () => {
    expect(problems('program: [1, 2\n')[0]).toMatch(/^s\.yaml, line \d+: YAML syntax/);
  });

  it('rejects a scenario that is not a mapping', () => {
    expect(problems('- a\n- b\n')).toEqual(['s.yaml, (root): scenario must be a mapping of sections']);
  });

  it('needs a path for a CSV cohort', () => {
    expect(problems('cohort:\n  source: csv\n')[0]).toMatch(/^s\.yaml, cohort\.path:/);
  });
});

describe('shipped scenarios', () => {
  const dir = join(import.meta.dirname, '../../scenarios');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    it(`${f} is valid`, () => {
      expect(() => loadScenarioFile(join(dir, f))).not.toThrow();
    });
  }
});
