import type { Argv, CommandModule } from 'yargs';
import { synthesizeCohort } from '../../data/synth.js';
import { tableToCsv, truthToCsv } from '../../data/format.js';
import { streams } from '../../random/index.js';
import { dirname } from 'node:path';
import { ensureWritableDir, writeFiles, writeOutputs } from '../../report/outputs.js';
import { InputError } from '../../errors.js';
import { log } from '../errors.js';
import { fhirFiles } from '../../extract/synth/fhir.js';
import { SYNTH_AS_OF, synthesizeEvents } from '../../extract/synth/generate.js';
import { omopFiles } from '../../extract/synth/omop.js';
import { extractFiles } from './extract.js';

/** `--format omop|fhir`: event files into a folder; `--truth` gets the patient-level truth the extractor must reproduce. */
function writeEvents(args: SynthArgs): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args['as-of']) || Number.isNaN(Date.parse(args['as-of']))) {
    throw new InputError([{ code: 'bad_option', path: '--as-of', value: args['as-of'], message: 'must be a date YYYY-MM-DD' }]);
  }
  const dir = args.out ?? 'events';
  const { events, truth } = synthesizeEvents(args.patients, streams(args.seed), args['as-of']);
  const files = args.format === 'omop' ? omopFiles(events) : fhirFiles(events);
  if (args.truth) ensureWritableDir(dirname(args.truth)); // refuse before the event folder is written
  writeOutputs(dir, files);
  if (args.truth) {
    const ids = args.format === 'omop' ? truth.ids.map((_, i) => String(i + 1)) : truth.ids;
    writeFiles([{ path: args.truth, content: extractFiles({ table: { ...truth, ids }, excluded: [] }).cohortCsv }]);
  }
  log(`wrote ${files.length} ${args.format.toUpperCase()} files to ${dir} (${args.patients} patients, seed ${args.seed}, as-of ${args['as-of']})${args.truth ? ` and ${args.truth}` : ''}`);
}

interface SynthArgs { patients: number; seed: number; out?: string; truth?: string; format: 'cohort' | 'omop' | 'fhir'; 'as-of': string }

export const synthCommand: CommandModule<object, SynthArgs> = {
  command: 'synth',
  describe: 'Generate a synthetic outpatient RBC transfusion cohort (one row per patient)',
  builder: (y: Argv) =>
    y
      .option('patients', { alias: 'n', type: 'number', default: 1200, describe: 'number of patients' })
      .option('seed', { alias: 's', type: 'number', default: 42, describe: 'random seed (same seed → identical file)' })
      .option('format', { choices: ['cohort', 'omop', 'fhir'] as const, default: 'cohort' as const, describe: 'cohort: one row per patient; omop / fhir: event-level files from the same patients (see docs/extract.md)' })
      .option('as-of', { type: 'string', default: SYNTH_AS_OF, describe: 'last day of generated events (omop, fhir)' })
      .option('out', { alias: 'o', type: 'string', describe: 'cohort CSV to write (default cohort.csv); with omop / fhir a folder (default events)' })
      .option('truth', { type: 'string', describe: 'also write patient_id,archetype (the latent truth) here' })
      .example('$0 synth --patients 5000 --seed 7 --out cohort.csv --truth truth.csv', '') as unknown as Argv<SynthArgs>,
  handler: (args) => {
    if (!Number.isInteger(args.patients) || args.patients < 1) {
      throw new InputError([{ code: 'bad_option', path: '--patients', value: args.patients, message: 'must be a positive integer' }]);
    }
    if (!Number.isInteger(args.seed) || args.seed < 0) {
      throw new InputError([{ code: 'bad_option', path: '--seed', value: args.seed, message: 'must be a non-negative integer' }]);
    }
    if (args.format !== 'cohort') return writeEvents(args);
    const out = args.out ?? 'cohort.csv';
    const cohort = synthesizeCohort(args.patients, streams(args.seed));
    const files = [{ path: out, content: tableToCsv(cohort.table) }];
    if (args.truth) files.push({ path: args.truth, content: truthToCsv(cohort.table.ids, cohort.archetypes) });
    writeFiles(files);
    log(`wrote ${out} (${args.patients} patients, ${cohort.table.columns.length + 1} columns, seed ${args.seed})${args.truth ? ` and ${args.truth}` : ''}`);
  },
};
