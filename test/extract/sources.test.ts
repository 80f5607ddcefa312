/**
 * The other source kinds: an OMOP DuckDB database file (typed by casts, not by the CSV reader) and a FHIR
 * export, on good and bad input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuck } from '../../src/data/events/duck.js';
import { extractCohort } from '../../src/data/events/extract.js';
import { readConcepts } from '../../src/data/events/readConcepts.js';
import { InputError } from '../../src/errors.js';
import { fhirFiles } from '../../src/extract/synth/fhir.js';
import { synthesizeEvents } from '../../src/extract/synth/generate.js';
import { streams } from '../../src/random/index.js';
import { writeOutputs } from '../../src/report/outputs.js';
import { tempDir } from '../helpers/cli.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/omop5');
const concepts = readConcepts();

async function issuesOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('OMOP in a DuckDB database file', async () => {
  const dir = tempDir('carestrata-duckdb-');
  const db = join(dir, 'omop.duckdb');
  const duck = await openDuck();
  await duck.run(`ATTACH '${db}' AS out`);
  for (const t of ['person', 'location', 'care_site', 'travel_time', 'procedure_occurrence', 'measurement', 'condition_occurrence', 'observation', 'visit_occurrence']) {
    await duck.run(`CREATE TABLE out.${t} AS SELECT * FROM read_csv('${join(FIXTURE, `${t}.csv`)}', header = true, all_varchar = true)`);
  }
  await duck.run(`INSERT INTO out.measurement VALUES ('99', '2', '0', '2025-13-01', '7.0', '718-7', NULL)`);
  await duck.run('DETACH out');
  duck.close();

  it('names the table, record and column of a value that is not a date (record 23: the 23rd row)', async () => {
    const message = await issuesOf(extractCohort('omop', db, { concepts, asOf: '2025-06-30' }));
    expect(message).toBe(`${db} (table measurement), row 23, column measurement_date: table measurement: value is not a date (YYYY-MM-DD)`);
  });
});

describe('FHIR bulk export', () => {
  it('a malformed birthDate names the NDJSON file, line and field', async () => {
    const dir = tempDir('carestrata-fhir-bad-');
    writeOutputs(dir, fhirFiles(synthesizeEvents(5, streams(2)).events));
    const file = join(dir, 'Patient.ndjson');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    lines[3] = lines[3]!.replace(/"birthDate":"\d{4}/, '"birthDate":"19x0');
    writeFileSync(file, lines.join('\n') + '\n');
    const message = await issuesOf(extractCohort('fhir', dir, { concepts, asOf: '2025-06-30' }));
    expect(message).toBe(`${file}, row 4, column Patient.birthDate: table person: value is not an integer`);
    expect(message).not.toMatch(/P0000/);
  });
});
