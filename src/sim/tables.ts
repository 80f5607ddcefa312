/**
 * The simulator's results as tables (header + rows) for `policies.csv`, `differences.csv`, `replications.csv`
 * and `timeseries.csv`. Formatting to text is the writer's job (report/outputs `toCsv`).
 *
 * Cost: O(rows).
 */
import { SERIES_COLUMNS } from './model/result.js';
import type { SimulationResult } from './simulate.js';

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function simulationTables(res: SimulationResult): Record<'policies' | 'differences' | 'replications' | 'timeseries', Table> {
  const policies: Table = {
    header: ['policy', 'metric', 'mean', 'ci_low', 'ci_high', 'n'],
    rows: res.table.map((r) => [r.policy, r.metric, r.mean, r.ciLow, r.ciHigh, r.n]),
  };
  const differences: Table = {
    header: ['policy', 'comparison', 'versus', 'metric', 'mean_difference', 'ci_low', 'ci_high', 'n'],
    rows: res.differences.map((r) => [r.policy, r.comparison, r.versus, r.metric, r.mean, r.ciLow, r.ciHigh, r.n]),
  };
  const replications: Table = {
    header: ['replication', 'policy', ...res.metrics],
    rows: res.replications.flatMap((rep) => rep.runs.map((run) => [rep.rep, run.policy, ...Array.from(run.metrics)])),
  };
  const first = res.replications[0];
  const seriesRows: (string | number)[][] = [];
  for (const run of first?.runs ?? []) {
    const s = run.series;
    if (!s) continue;
    for (let d = 0; d < s.homeTransfusions.length; d++) seriesRows.push([run.policy, d, ...SERIES_COLUMNS.map((k) => s[k][d]!)]);
  }
  const timeseries: Table = { header: ['policy', 'day', ...SERIES_COLUMNS.map(snake)], rows: seriesRows };
  return { policies, differences, replications, timeseries };
}
