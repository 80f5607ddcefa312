/**
 * `carestrata extract`: OMOP CDM or FHIR bulk-export events → the patient-level cohort CSV (and the list of
 * persons left out, with the reason). Reading in src/data/events, arithmetic in src/extract, writing here.
 */
import { basename, dirname, join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { toCsv } from '../../data/csvText.js';
import { tableToCsv } from '../../data/format.js';
import { extractCohort } from '../../data/events/extract.js';
import { readConcepts } from '../../data/events/readConcepts.js';
import { InputError } from '../../errors.js';
import type { ExtractedCohort } from '../../extract/cohort.js';
import { defaultPseudonymKey } from '../../data/pseudonymize.js';
import { ensureWritableDir, writeOutputs } from '../../report/outputs.js';
import { log } from '../errors.js';

interface ExtractArgs {
  omop?: string; fhir?: string; 'as-of'?: string; concepts?: string; out: string; excluded?: string;
  pseudonymize?: boolean; 'pseudonym-key'?: string; 'shift-dates'?: boolean; 'shift-days': number; seed: number; threads: number; timings?: boolean;
}

/** The cohort CSV and the exclusion list CSV (every cell formula-guarded by the shared CSV writer). */
export function extractFiles(cohort: ExtractedCohort): { cohortCsv: string; excludedCsv: string } {
  const excluded = cohort.excluded.map((e) => [e.id, e.reason, e.detail]);
  return { cohortCsv: tableToCsv(cohort.table), excludedCsv: toCsv(['patient_id', 'reason', 'detail'], excluded) };
}

function badOption(path: string, value: unknown, message: string): never {
  throw new InputError([{ code: 'bad_option', path, value, message }]);
}

export const extractCommand: CommandModule<object, ExtractArgs> = {
  command: 'extract',
  describe: 'Build the patient table from event-level records (OMOP CDM v5.4 or FHIR R4 bulk export) through DuckDB',
  builder: (y: Argv) =>
    y
      .option('omop', { type: 'string', describe: 'OMOP folder (CSV/Parquet per table) or FILE.duckdb' })
      .option('fhir', { type: 'string', describe: 'FHIR bulk-export folder (Patient.ndjson, Encounter.ndjson …)' })
      .option('as-of', { type: 'string', describe: 'YYYY-MM-DD; look-back windows end here (default: latest procedure or measurement date)' })
      .option('concepts', { type: 'string', describe: 'concept-set YAML (default: src/extract/concepts.yaml)' })
      .option('out', { alias: 'o', type: 'string', default: 'cohort.csv', describe: 'cohort CSV to write' })
      .option('excluded', { type: 'string', describe: 'persons left out, with the reason (default: OUT with .excluded.csv)' })
      .option('pseudonymize', { type: 'boolean', describe: 'replace person ids by keyed pseudonyms (P- + 12 hex)' })
      .option('pseudonym-key', { type: 'string', describe: 'secret key for the pseudonyms (default: derived from --seed)' })
      .option('shift-dates', { type: 'boolean', describe: 'shift each person\'s dates by a seeded offset (consistent within a person)' })
      .option('shift-days', { type: 'number', default: 180, describe: 'largest date shift, days (with --shift-dates)' })
      .option('seed', { alias: 's', type: 'number', default: 42, describe: 'seed for date shifts and the default pseudonym key' })
      .option('threads', { type: 'number', default: 2, describe: 'DuckDB worker threads' })
      .option('timings', { type: 'boolean', describe: 'log each phase with its wall and CPU time' })
      .example('$0 extract --omop omop/ --as-of 2025-06-30 --out cohort.csv', '') as unknown as Argv<ExtractArgs>,
  handler: async (args) => {
    if ((args.omop === undefined) === (args.fhir === undefined)) badOption('--omop/--fhir', undefined, 'give exactly one of --omop DIR|FILE.duckdb or --fhir DIR');
    const asOf = args['as-of'];
    if (asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))) badOption('--as-of', asOf, 'must be a date YYYY-MM-DD');
    if (!Number.isInteger(args.seed) || args.seed < 0) badOption('--seed', args.seed, 'must be a non-negative integer');
    if (!Number.isInteger(args['shift-days']) || args['shift-days'] < 0) badOption('--shift-days', args['shift-days'], 'must be a non-negative integer');
    if (!Number.isInteger(args.threads) || args.threads < 1) badOption('--threads', args.threads, 'must be a positive integer');
    const concepts = readConcepts(args.concepts);
    const excludedPath = args.excluded ?? join(dirname(args.out), `${basename(args.out).replace(/\.csv$/i, '')}.excluded.csv`);
    ensureWritableDir(dirname(args.out));
    ensureWritableDir(dirname(excludedPath));
    const run = await extractCohort(args.omop !== undefined ? 'omop' : 'fhir', (args.omop ?? args.fhir)!, {
      concepts,
      ...(asOf ? { asOf } : {}),
      ...(args.pseudonymize ? { pseudonymKey: args['pseudonym-key'] || defaultPseudonymKey(args.seed) } : {}),
      ...(args['shift-dates'] ? { shiftDates: { seed: args.seed, maxDays: args['shift-days'] } } : {}),
      threads: args.threads,
      ...(args.timings ? { log } : {}),
    });
    const files = extractFiles(run);
    if (dirname(excludedPath) === dirname(args.out)) {
      writeOutputs(dirname(args.out), [{ name: basename(args.out), content: files.cohortCsv }, { name: basename(excludedPath), content: files.excludedCsv }]);
    } else {
      writeOutputs(dirname(args.out), [{ name: basename(args.out), content: files.cohortCsv }]);
      writeOutputs(dirname(excludedPath), [{ name: basename(excludedPath), content: files.excludedCsv }]);
    }
    log(`extracted ${run.table.ids.length} of ${run.persons} persons (as-of ${run.asOf}); ${run.excluded.length} left out → ${excludedPath}; wrote ${args.out}`);
  },
};
