import { describe, expect, it } from 'vitest';
import { runScheduled } from '../../src/sweep/schedule.js';

/** Jobs that take `ms[i]` milliseconds; records start/finish order and the peak number running at once. */
function recorder(ms: readonly number[]) {
  const events: string[] = [];
  let running = 0;
  let peak = 0;
  const run = async (_job: unknown, i: number) => {
    events.push(`start ${i}`);
    peak = Math.max(peak, ++running);
    await new Promise((r) => setTimeout(r, ms[i]));
    running--;
    events.push(`end ${i}`);
  };
  return { events, run, peak: () => peak };
}

describe('runScheduled', () => {
  it('runs every job once, at most `lanes` at a time, each after its prerequisite', async () => {
    const jobs = [{}, {}, {}, { after: 0 }, { after: 1 }, { after: 2 }, { after: 0 }, {}];
    const r = recorder([30, 10, 20, 5, 5, 5, 5, 5]);
    await runScheduled(jobs, 2, r.run);
    expect(r.events.filter((e) => e.startsWith('start')).sort()).toEqual(jobs.map((_, i) => `start ${i}`).sort());
    expect(r.peak()).toBe(2);
    jobs.forEach((j, i) => {
      if (j.after !== undefined) expect(r.events.indexOf(`start ${i}`)).toBeGreaterThan(r.events.indexOf(`end ${j.after}`));
    });
  });

  it('has no barrier: a job whose prerequisite is done starts while another prerequisite still runs', async () => {
    // 0 is slow, 1 fast; 2 waits for 0, 3 for 1. With 2 lanes, 3 must start before 0 ends.
    const r = recorder([60, 5, 5, 5]);
    await runScheduled([{}, {}, { after: 0 }, { after: 1 }], 2, r.run);
    expect(r.events.indexOf('start 3')).toBeLessThan(r.events.indexOf('end 0'));
  });

  it('takes ready jobs in list order on one lane', async () => {
    const r = recorder([1, 1, 1, 1]);
    await runScheduled([{}, { after: 3 }, {}, {}], 1, r.run);
    expect(r.events.filter((e) => e.startsWith('start'))).toEqual(['start 0', 'start 2', 'start 3', 'start 1']);
  });

  it('takes the ready job of highest priority, list order among equals, asking again at every pick', async () => {
    // job 4 waits for 0; after job 0 ends, job 3's priority rises above everything else still waiting
    const r = recorder([1, 1, 1, 1, 1]);
    const prio = [0, 1, 1, 0, 5];
    const jobs = [{}, {}, {}, {}, { after: 0 }];
    await runScheduled(jobs, 1, async (job, i) => {
      await r.run(job, i);
      if (i === 0) prio[3] = 9;
    }, { priority: (i) => prio[i]! });
    // first pick: 1 and 2 (priority 1) beat 0 and 3 (0), 1 first by list order; 4 is not ready until 0 ends
    expect(r.events.filter((e) => e.startsWith('start'))).toEqual(['start 1', 'start 2', 'start 0', 'start 3', 'start 4']);
  });

  it('rejects with the first error and starts nothing after it', async () => {
    const started: number[] = [];
    const p = runScheduled([{}, {}, {}, {}], 1, async (_j, i) => {
      started.push(i);
      if (i === 1) throw new Error('boom');
    });
    await expect(p).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
  });

  it('does not hang when a prerequisite fails while other lanes wait for it', async () => {
    const p = runScheduled([{}, { after: 0 }, { after: 0 }], 3, async (_j, i) => {
      await new Promise((r) => setTimeout(r, 5));
      if (i === 0) throw new Error('upstream failed');
    });
    await expect(p).rejects.toThrow('upstream failed');
  });

  it('refuses bad prerequisites and bad lane counts', async () => {
    const noop = async () => {};
    await expect(runScheduled([{ after: 1 }, { after: 0 }], 2, noop)).rejects.toThrow(/cycle/);
    await expect(runScheduled([{ after: 0 }], 2, noop)).rejects.toThrow(/not another job/);
    await expect(runScheduled([{ after: 5 }], 2, noop)).rejects.toThrow(/not another job/);
    await expect(runScheduled([{}], 0, noop)).rejects.toThrow(/lanes/);
  });

  it('finishes at once with no jobs', async () => {
    await expect(runScheduled([], 2, async () => {})).resolves.toBeUndefined();
  });
});
