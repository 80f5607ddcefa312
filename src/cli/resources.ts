/**
 * Before a run: estimate its memory and CPU time from the scenario (src/scenario/estimate.ts), log it when the
 * run is large, and refuse (exit 2) a run whose memory cannot fit this machine, naming the scenario knob to turn.
 */
import { readFileSync } from 'node:fs';
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

const gb = (bytes: number): string => (bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 2 : 1);

/** Patients a scenario reads: the synthetic size, or an upper bound from the CSV's size. */
function patientsOf(loaded: LoadedScenario): number {
  const c = loaded.scenario.cohort;
  if (c.source === 'synthetic') return c.patients;
  try {
    const bytes = readFileSync(scenarioPath(loaded, c.path));
    let lines = 0;
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) lines++;
    return lines;
  } catch {
    return 0; // the reader reports a missing file, with its name
  }
}

function valueAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export interface ResourceOptions {
  /** Evaluations at the same time (sweep worker threads). Default 1. */
  readonly parallel?: number;
  /** Sections whose work this command does (`optimize`, `simulation` …); default all. */
  readonly sections?: readonly string[];
  /** Memory of the machine, bytes. Default `os.totalmem()`. */
  readonly machineBytes?: number;
}

/**
 * Estimate, log, and refuse a run that cannot fit the machine. Cost: O(1) plus one pass over a CSV cohort.
 * @example
 * checkResources(loadScenarioFile('scenarios/quick.yaml'), log, { sections: ['simulation'] });
 */
export function checkResources(loaded: LoadedScenario, log: (m: string) => void, options: ResourceOptions = {}): RunEstimate {
  const parallel = options.parallel ?? 1;
  const machineBytes = options.machineBytes ?? totalmem();
  const e = estimateRun(loaded.scenario, patientsOf(loaded), options.sections);
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
