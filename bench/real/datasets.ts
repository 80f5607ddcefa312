/**
 * Real data sets with known classes, for the quality benchmark and the optional real-data tests. They come
 * from Debian R packages (r-cran-palmerpenguins, r-cran-mlbench, r-cran-mclust), exported to CSV by
 * `bench/real/export.R` into a scratch folder outside git at first use; nothing is committed or downloaded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestTable } from '../../src/data/ingest.js';
import type { TableSchema } from '../../src/data/schema.js';
import type { PatientTable } from '../../src/data/table.js';

/** The sets, in the order the benchmark prints them. */
export const REAL_SETS = ['penguins', 'Glass', 'Vehicle', 'Soybean', 'Zoo', 'PimaIndiansDiabetes', 'Satellite', 'banknote', 'thyroid'] as const;
export type RealSetName = (typeof REAL_SETS)[number];

export interface RealSet {
  readonly name: RealSetName;
  /** Features only (the class column is not in it); id column `row_id`. */
  readonly table: PatientTable;
  /** Known class of each row, 0..classes−1. */
  readonly truth: Int32Array;
  readonly classes: number;
  /** The exported CSV (row_id, features, class) and its column types, for the reference scripts. */
  readonly csv: string;
  readonly types: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The R script sits beside this file's source (bench/real), also when this runs compiled from dist/. */
const EXPORT_SCRIPT = existsSync(join(here, 'export.R')) ? join(here, 'export.R') : join(here, '..', '..', '..', 'bench', 'real', 'export.R');

/** Scratch folder for the exported CSVs (outside the repository; `CARESTRATA_REAL_DATA` overrides). */
export function realDataDir(): string {
  return process.env.CARESTRATA_REAL_DATA ?? join(tmpdir(), 'carestrata-real-data');
}

/** Why the real data sets cannot be used here (Rscript or a package missing), or undefined when they can. */
export function realDataUnavailable(): string | undefined {
  const probe = spawnSync('Rscript', ['-e', 'for (p in c("palmerpenguins", "mlbench", "mclust")) if (!requireNamespace(p, quietly = TRUE)) stop(p)'], { encoding: 'utf8' });
  if (probe.error) return 'Rscript is not installed (Debian r-base-core)';
  if (probe.status !== 0) return `R package missing (Debian r-cran-palmerpenguins, r-cran-mlbench, r-cran-mclust): ${probe.stderr.trim().split('\n').pop()}`;
  return undefined;
}

/** Export (once) and read one set. Throws when the export fails. */
export function loadRealSet(name: RealSetName, dir = realDataDir()): RealSet {
  const csv = join(dir, `${name}.csv`), types = join(dir, `${name}.types`);
  if (!existsSync(csv) || !existsSync(types)) {
    const r = spawnSync('Rscript', [EXPORT_SCRIPT, dir, name], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`loadRealSet: export of ${name} failed: ${r.stderr || r.error?.message}`);
  }
  const specs = readFileSync(types, 'utf8').trim().split('\n').map((line) => {
    const [column, type] = line.split(',') as [string, TableSchema['columns'][number]['type']];
    return { name: column, type };
  });
  const schema: TableSchema = { id: 'row_id', columns: [...specs, { name: 'class', type: 'categorical' }] };
  const { table } = ingestTable(readFileSync(csv, 'utf8'), { file: csv, schema, missing: 'keep' });
  const classColumn = table.columns.find((c) => c.name === 'class');
  if (classColumn?.kind !== 'categorical') throw new Error(`loadRealSet: ${name} has no class column`);
  const features = { ...table, columns: table.columns.filter((c) => c !== classColumn) };
  const truth = Int32Array.from(classColumn.codes);
  return { name, table: features, truth, classes: new Set(truth).size, csv, types };
}
