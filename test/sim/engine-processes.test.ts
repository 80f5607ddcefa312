/**
 * Generator processes against their callback twins: the fast path in `Environment.process` (one shared step
 * function, process ids, the intrinsic `Generator.prototype.next`) must give the same (time, priority, seq)
 * order as writing the same process with `schedule`. Expected traces are hand-derived or come from the
 * callback version, which does not go through the process table.
 */
import { describe, expect, it } from 'vitest';
import { streams } from '../../src/random/index.js';
import type { ProcessGenerator, Yielded } from '../../src/sim/engine/index.js';
import { Environment, Resource, URGENT } from '../../src/sim/engine/index.js';

/** A customer: wait `gap`, hold one server for `service`, repeat `rounds` times; logs (name, event, time). */
interface Customer { name: string; start: number; gap: number; service: number; rounds: number; prio: number }

function asGenerator(env: Environment, res: Resource, c: Customer, log: string[]): ProcessGenerator {
  return (function* () {
    for (let r = 0; r < c.rounds; r++) {
      yield c.gap;
      log.push(`${c.name} asks @${env.now}`);
      yield res.request(c.prio);
      log.push(`${c.name} starts @${env.now}`);
      yield c.service;
      res.release();
      log.push(`${c.name} leaves @${env.now}`);
    }
  })();
}

/** The same customer as a chain of callbacks (resumptions as URGENT events at the current time, as `process`). */
function asCallbacks(env: Environment, res: Resource, c: Customer, log: string[]): void {
  let r = 0;
  const next = (): void => { if (r++ < c.rounds) env.schedule(c.gap, ask); };
  const ask = (): void => { log.push(`${c.name} asks @${env.now}`); res.acquire(c.prio, start); };
  const start = (): void => { log.push(`${c.name} starts @${env.now}`); env.schedule(c.service, leave); };
  const leave = (): void => { res.release(); log.push(`${c.name} leaves @${env.now}`); next(); };
  next();
}

function trace(customers: Customer[], generators: boolean): string[] {
  const env = new Environment(4);
  const res = new Resource(env, 2);
  const log: string[] = [];
  for (const c of customers) {
    env.at(c.start, () => {
      if (generators) env.process(asGenerator(env, res, c, log));
      else env.schedule(0, () => asCallbacks(env, res, c, log), 0, URGENT);
    });
  }
  env.run();
  return log;
}

describe('Environment.process (generator fast path)', () => {
  it('gives the same trace as the callback version of the same processes (integer times, many ties)', () => {
    const rng = streams(5).stream('engine/processes');
    const customers: Customer[] = Array.from({ length: 60 }, (_, i) => ({
      name: `c${i}`, start: Math.floor(rng.next() * 10), gap: Math.floor(rng.next() * 3),
      service: 1 + Math.floor(rng.next() * 3), rounds: 1 + Math.floor(rng.next() * 3), prio: Math.floor(rng.next() * 2),
    }));
    const gen = trace(customers, true);
    expect(gen.length).toBe(customers.reduce((a, c) => a + 3 * c.rounds, 0));
    expect(gen).toEqual(trace(customers, false));
  });

  it('resumes processes with equal times in the order they were scheduled (seq), urgent first', () => {
    const env = new Environment();
    const log: string[] = [];
    const p = (name: string, delays: number[]) => (function* () {
      for (const d of delays) { yield d; log.push(`${name}@${env.now}`); }
    })();
    env.process(p('a', [1, 0, 1]));
    env.process(p('b', [1, 1]));
    env.schedule(1, () => log.push('cb@1'));
    env.schedule(1, () => log.push('urgent@1'), 0, URGENT);
    env.run();
    // Hand trace, (time, priority, seq): a and b start at 0 (seq 0, 1) and schedule (1, N, 4), (1, N, 5); cb is
    // (1, N, 2), urgent (1, U, 3). At 1: urgent, cb, a (→ 0 delay: (1, N, 6)), b (→ (2, N, 7)), a (→ (2, N, 8)).
    expect(log).toEqual(['urgent@1', 'cb@1', 'a@1', 'b@1', 'a@1', 'b@2', 'a@2']);
  });

  it('runs thousands of processes made from distinct generator functions, each finishing at its own time', () => {
    const env = new Environment();
    const n = 3000;
    const finished = new Float64Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const d = (i % 7) + 0.5;
      env.process((function* () { yield d; yield d; yield d; finished[i] = env.now; })());
    }
    env.run();
    for (let i = 0; i < n; i++) expect(finished[i]).toBe(3 * ((i % 7) + 0.5));
  });

  it('reuses a finished process slot without disturbing the running ones', () => {
    const env = new Environment();
    const log: string[] = [];
    const p = (name: string, delays: number[]): ProcessGenerator => (function* () {
      for (const d of delays) yield d;
      log.push(`${name}@${env.now}`);
    })();
    env.process(p('short', [1]));
    env.process(p('long', [5]));
    env.schedule(2, () => env.process(p('late', [1, 1])));
    env.run();
    expect(log).toEqual(['short@1', 'late@4', 'long@5']);
  });

  it('accepts iterators that are not native generators (hand-written, or next replaced)', () => {
    const env = new Environment();
    const log: number[] = [];
    let k = 0;
    const handWritten = {
      next: (): IteratorResult<Yielded, void> => (k < 3 ? { value: ++k, done: false } : { value: undefined, done: true }),
      [Symbol.iterator]() { return this; },
    } as unknown as ProcessGenerator;
    env.process(handWritten);
    const g = (function* (): ProcessGenerator { yield 10; log.push(env.now); })();
    const inner = g.next.bind(g);
    let calls = 0;
    g.next = () => { calls++; return inner(); };
    env.process(g);
    env.schedule(6, () => log.push(env.now));
    env.run();
    expect(k).toBe(3);
    expect(log).toEqual([6, 10]); // the hand-written one waited 1 + 2 + 3 = 6 in all, unlogged
    expect(calls).toBe(2);
  });
});
