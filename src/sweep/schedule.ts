/**
 * A small dependency-aware scheduler for the sweep pool: at most `lanes` jobs run at once, and a free lane
 * takes the ready job (prerequisite finished) of highest `priority`, the first in list order among equals.
 * No barrier between kinds of work: a lane that finds nothing ready waits only until some job finishes, so
 * point tasks of one replication seed start while the shared segment + rules of another seed are still being
 * computed.
 */

export interface ScheduledJob {
  /** Index (into the same list) of a job that must finish first. */
  readonly after?: number;
}

export interface ScheduleOptions {
  /**
   * Asked each time a lane picks, so it may change as jobs finish (the sweep ranks a task by how long its
   * point took in an earlier replication: longest first, so the last jobs to start are short ones and no
   * lane idles long at the end). Higher runs first; default 0 for every job.
   */
  readonly priority?: (index: number) => number;
}

/**
 * Run every job through `run`, `lanes` at a time, honouring `after` and `priority`. Rejects with the first
 * error (no new jobs start after it; jobs already running finish).
 * Cost: O(jobs²) scans in the worst case — sweeps have thousands of tasks at most, each seconds long.
 * @example
 * await runScheduled([{}, { after: 0 }], 2, async (job, i) => { await work(i); });
 */
export async function runScheduled<J extends ScheduledJob>(
  jobs: readonly J[],
  lanes: number,
  run: (job: J, index: number) => Promise<void>,
  options: ScheduleOptions = {},
): Promise<void> {
  if (!(Number.isInteger(lanes) && lanes >= 1)) throw new RangeError(`runScheduled: lanes must be a positive integer, got ${lanes}`);
  for (const [i, j] of jobs.entries()) {
    if (j.after !== undefined && !(Number.isInteger(j.after) && j.after >= 0 && j.after < jobs.length && j.after !== i)) {
      throw new RangeError(`runScheduled: job ${i} waits for ${j.after}, which is not another job of the list`);
    }
  }
  const started = new Uint8Array(jobs.length);
  const finished = new Uint8Array(jobs.length);
  let failure: { error: unknown } | undefined;
  let waiters: (() => void)[] = [];
  const wakeAll = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const priority = options.priority ?? (() => 0);
  const nextReady = (): number => {
    let best = -1;
    let bestPriority = -Infinity;
    for (let i = 0; i < jobs.length; i++) {
      if (started[i]) continue;
      const after = jobs[i]!.after;
      if (after !== undefined && !finished[after]) continue;
      const p = priority(i);
      if (best < 0 || p > bestPriority) {
        best = i;
        bestPriority = p;
      }
    }
    return best;
  };
  const allStarted = () => started.every((s) => s === 1);
  const lane = async (): Promise<void> => {
    while (!failure && !allStarted()) {
      const i = nextReady();
      if (i < 0) {
        // Everything left waits for a running job: sleep until some job finishes.
        await new Promise<void>((resolve) => waiters.push(resolve));
        continue;
      }
      started[i] = 1;
      try {
        await run(jobs[i]!, i);
        finished[i] = 1;
      } catch (error) {
        failure ??= { error };
      } finally {
        wakeAll();
      }
    }
  };
  // A job whose prerequisite can never finish would leave lanes asleep forever; cycles are the only way.
  assertAcyclic(jobs);
  await Promise.all(Array.from({ length: Math.min(lanes, Math.max(jobs.length, 1)) }, lane));
  if (failure) throw failure.error;
}

function assertAcyclic(jobs: readonly ScheduledJob[]): void {
  for (let i = 0; i < jobs.length; i++) {
    let at: number | undefined = i;
    for (let steps = 0; at !== undefined; steps++) {
      if (steps > jobs.length) throw new RangeError(`runScheduled: job ${i} waits on a cycle of prerequisites`);
      at = jobs[at]!.after;
    }
  }
}
