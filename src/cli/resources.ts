/**
 * Before a run: estimate its memory and CPU time from the scenario (src/scenario/estimate.ts), log it when the
 * run is large, and refuse (exit 2) a run whose memory cannot fit this machine, naming the scenario knob to turn.
 */
import { statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { InputError } from '../errors.js';
import { estimateRun } from '../scenario/estimate.js';
import type { RunEstimate } from '../scenario/estimate.js';
import type { LoadedScenario } from '../scenario/load.js';
import { scenarioPath } from '../scenario/load.js';

/** Share of the machine's memory a run may plan to use (the rest: the system, other programs). */
export const MEMORY_SHARE = 0.8;
/** An estimate is logged from this size or time on (smaller runs stay quiet: bad input keeps its one line). */
const NOTABLE_BYTES = 2 ** 30;
const NOTABLE_CPU_SECONDS = 600;
/** Fewest bytes a CSV patient row takes (an id and a few short cells): an upper bound on the row count. */
const MIN_BYTES_PER_ROW = 40;

const gb = (bytes: number): string => (bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 2 : 1);

/** Patients a scenario reads: the synthetic size, or an upper bound from the CSV's size. */
function patientsOf(loaded: LoadedScenario): number {
  const c = loaded.scenario.cohort;
  if (c.source === 'synthetic') return c.patients;
  try {
    return Math.ceil(statSync(scenarioPath(loaded, c.path)).size / MIN_BYTES_PER_ROW);
  } catch {
    return 0; // the reader reports a missing file, with its name
  }
}

function valueAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/**
 * Estimate, log, and refuse a run that cannot fit `machineBytes` (default: this machine's memory).
 * Cost: O(1) plus one stat of the cohort file.
 * @example
 * checkResources(loadScenarioFile('scenarios/quick.yaml'), log);
 */
export function checkResources(loaded: LoadedScenario, log: (m: string) => void, parallel = 1, machineBytes = totalmem()): RunEstimate {
  const e = estimateRun(loaded.scenario, patientsOf(loaded));
  const bytes = e.bytes + (Math.max(1, parallel) - 1) * e.bytesPerExtraWorker;
  if (bytes > MEMORY_SHARE * machineBytes) {
    const top = e.terms[0]!;
    throw new InputError([{
      code: 'too_big',
      file: loaded.file,
      path: top.knob,
      value: valueAt(loaded.scenario, top.knob),
      message: `this run needs about ${gb(bytes)} GB of memory and the machine has ${gb(machineBytes)} GB; lower ${top.knob} (it drives ${gb(top.bytes)} GB)${top.knob === 'cohort.patients' ? '' : ' or cohort.patients'}`,
    }]);
  }
  if (bytes >= NOTABLE_BYTES || e.cpuSeconds >= NOTABLE_CPU_SECONDS) {
    log(`estimate: at most ${gb(bytes)} GB of memory and about ${Math.ceil(e.cpuSeconds)} CPU-s per evaluation for ${e.patients} patients`);
  }
  return e;
}
