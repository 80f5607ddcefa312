/**
 * Fuzzing (fast-check, fixed seed, bounded runs): the CSV reader, the scenario loader and `--vary` parsing on
 * random and mutated inputs either succeed with consistent results or throw an InputError with a message —
 * never another exception, a hang or a value that breaks the promises (non-finite numbers, lost columns).
 * A few mutated inputs also go through the CLI: exit 0 or exit 2 with one `error:` line per problem, no stack
 * trace, and no output folder after exit 2.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestTable } from '../../src/data/ingest.js';
import { InputError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/load.js';
import { parseVary } from '../../src/sweep/vary.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { COHORT } from './fixtures.js';

const SEED = 17_2026;
const HOSTILE = ['', '""', '"', ',', '\n', '\r\n', ';', '1e400', '-1e400', 'Infinity', '-inf', 'NaN', '=1+1', '@x', '__proto__', 'constructor', 'José', '\ufeff', '\u0000', ' 7 ', '0x10', '1,5', '-0', '9'.repeat(400)];

/** Run `f`; an InputError with a non-empty message is a valid outcome too. */
function outcome<T>(f: () => T): T | InputError {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError && e.issues.length > 0 && e.message.length > 0) return e;
    throw e;
  }
}

const cohortText = readFileSync(COHORT, 'utf8');

/** The fixture with one mutation: a cell replaced, a line dropped or duplicated, or the text cut short. */
const mutatedCohort = fc.oneof(
  fc.tuple(fc.nat(40), fc.nat(25), fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 12 }))).map(([r, c, v]) => {
    const lines = cohortText.split('\n');
    const cells = lines[r]!.split(',');
    cells[c % cells.length] = v;
    lines[r] = cells.join(',');
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(40), fc.boolean()).map(([r, dup]) => {
    const lines = cohortText.split('\n');
    lines.splice(r, dup ? 0 : 1, ...(dup ? [lines[r]!] : []));
    return lines.join('\n');
  }),
  fc.nat(cohortText.length).map((n) => cohortText.slice(0, n)),
);

/** Small random CSV texts from hostile and random cells. */
const randomCsv = fc.array(fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 })
  .map((rows) => ['patient_id,a,b', ...rows.map((r) => r.join(','))].join('\n'));

function checkTable(text: string): void {
  const r = outcome(() => ingestTable(text, { file: 'f.csv', missing: 'keep' }));
  if (r instanceof InputError) return;
  const header = text.replace(/^\ufeff/, '').split(/\r?\n/)[0]!;
  for (const c of r.table.columns) {
    if (c.kind !== 'categorical') for (const v of c.values) expect(Number.isNaN(v) || Number.isFinite(v)).toBe(true);
    expect(header).toContain(c.name);
  }
  // every column keeps its entry (a JS record lists integer-like names such as "7" first, so compare as sets)
  expect(Object.keys(r.report.missingByColumn).sort()).toEqual(r.table.columns.map((c) => c.name).sort());
}

const quick = readFileSync('scenarios/quick.yaml', 'utf8');
const PATHS = ['program.nurses', 'program.shift_hours', 'cohort.patients', 'simulation.replications', 'simulation.horizon_days', 'optimize.horizon_days', 'segment.members', 'costs.unit_cost', 'seed'];
const YAML_VALUES = ['1e9', '-1', '.inf', '-.inf', '.nan', '1e400', '0x10', '"7"', '[]', '{}', 'null', '~', '*nope', '&a 3', '!!binary AAAA', '2.5', '1_000', "'", '"'];

/** quick.yaml with a setting appended at a random path (later keys win in YAML maps? duplicates are errors). */
const mutatedScenario = fc.oneof(
  fc.tuple(fc.constantFrom(...PATHS), fc.oneof(fc.constantFrom(...YAML_VALUES), fc.double().map(String))).map(([path, v]) => {
    const [section, key] = path.includes('.') ? path.split('.') : [undefined, path];
    return section ? `${quick}\n${section}_x: 1\n`.replace(new RegExp(`^${section}:`, 'm'), `${section}:\n  ${key}: ${v}`) : `${key}: ${v}\n${quick.replace(/^seed:.*$/m, '')}`;
  }),
  fc.tuple(fc.nat(quick.length), fc.string({ maxLength: 8 })).map(([n, s]) => quick.slice(0, n) + s + quick.slice(n)),
  fc.nat(8).map((depth) => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= depth; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    return lines.join('\n');
  }),
  fc.string({ maxLength: 60 }),
);

describe('fuzzing (fast-check, seed 172026)', () => {
  it('CSV reader: random and mutated files → a consistent table or an InputError', () => {
    fc.assert(fc.property(fc.oneof(mutatedCohort, randomCsv), (text) => checkTable(text)), { seed: SEED, numRuns: 300 });
  });

  it('scenario loader: random and mutated YAML → a scenario whose numbers are finite, or an InputError', () => {
    fc.assert(fc.property(mutatedScenario, (text) => {
      const r = outcome(() => parseScenario(text, 'f.yaml'));
      if (r instanceof InputError) return;
      JSON.stringify(r.scenario, (_k, v: unknown) => {
        if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        return v;
      });
    }), { seed: SEED, numRuns: 300 });
  });

  it('--vary parsing: random options → factors with finite levels within bounds, or an InputError', () => {
    const loaded = parseScenario(quick, 'quick.yaml');
    const option = fc.tuple(
      fc.oneof(fc.constantFrom(...PATHS, '__proto__', 'constructor.name', 'program', 'program.working_days[0]', 'a..b', ''), fc.string({ maxLength: 10 })),
      fc.oneof(fc.constantFrom('=', '', '=='), fc.constant('=')),
      fc.oneof(fc.constantFrom('1..8', '8..1', '1..1e9', '0..1:0', '1..3:0.5', '1,2,3', '1e400', 'NaN', '-5', '1..', '', ',', '2..10:2'), fc.string({ maxLength: 10 })),
    ).map(([p, eq, l]) => `${p}${eq}${l}`);
    fc.assert(fc.property(fc.array(option, { maxLength: 3 }), (options) => {
      const r = outcome(() => parseVary(options, loaded));
      if (r instanceof InputError) return;
      for (const f of r) {
        expect(f.levels.length).toBeGreaterThan(0);
        expect(f.levels.length).toBeLessThanOrEqual(10_000);
        for (const v of f.levels) expect(Number.isFinite(v)).toBe(true);
      }
    }), { seed: SEED, numRuns: 200 });
  });

  it('the CLI on mutated cohorts: exit 0 with outputs, or exit 2 with error lines only and no output folder', () => {
    const dir = tempDir('rel-fuzz-');
    const samples = fc.sample(mutatedCohort, { seed: SEED, numRuns: 4 });
    samples.forEach((text, i) => {
      const data = join(dir, `m${i}.csv`);
      writeFileSync(data, text);
      const out = join(dir, `out${i}`);
      const r = runCli(['segment', '--data', data, '--schema', 'builtin', '--k', '2', '--out', out]);
      expect([0, 2], r.stderr).toContain(r.code);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      if (r.code === 2) {
        expect(r.stderr.trim().split('\n').every((l) => l.startsWith('error: '))).toBe(true);
        expect(existsSync(out)).toBe(false);
      } else {
        expect(existsSync(join(out, 'segments.csv'))).toBe(true);
      }
    });
  });
});
