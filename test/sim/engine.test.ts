import { describe, expect, it } from 'vitest';
import { streams } from '../../src/random/index.js';
import {
  CounterUniform, Environment, EventHeap, PerishableStore, Resource, Tally, TimeWeighted, URGENT,
} from '../../src/sim/engine/index.js';
import { meanCi, tQuantile } from '../../src/stats/index.js';
import { expectClose } from '../helpers/close.js';

/** Reference t quantiles are printed to 6–9 digits in standard tables. */
const T_TABLE_ABS = 1e-6;

describe('EventHeap', () => {
  it('pops by (time, priority, insertion order)', () => {
    const h = new EventHeap(2);
    const out: number[] = [];
    const f = (a: number): void => { out.push(a); };
    h.push(2, 1, f, 1); h.push(1, 1, f, 2); h.push(1, 0, f, 3); h.push(1, 1, f, 4); h.push(0.5, 5, f, 5); h.push(2, 1, f, 6);
    while (h.pop()) h.poppedFn(h.poppedArg);
    expect(out).toEqual([5, 3, 2, 4, 1, 6]);
  });

  it('matches a sort on random keys (property)', () => {
    const rng = streams(1).stream('heap');
    const h = new EventHeap(4);
    const keys: [number, number, number][] = [];
    for (let i = 0; i < 2000; i++) {
      const t = Math.floor(rng.next() * 50), p = Math.floor(rng.next() * 3);
      keys.push([t, p, i]);
      h.push(t, p, () => {}, i);
    }
    keys.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    const got: number[] = [];
    while (h.pop()) got.push(h.poppedArg);
    expect(got).toEqual(keys.map((k) => k[2]));
  });
});

describe('Environment', () => {
  it('runs generator processes in time order (SimPy-style trace)', () => {
    const env = new Environment();
    const log: string[] = [];
    const proc = (name: string, delays: number[]) => (function* () {
      for (const d of delays) { yield d; log.push(`${name}@${env.now}`); }
    })();
    env.process(proc('a', [1, 1, 1]));
    env.process(proc('b', [1.5, 0.5]));
    env.run();
    expect(log).toEqual(['a@1', 'b@1.5', 'a@2', 'b@2', 'a@3']);
  });

  it('stops at `until` and sets the clock there; rejects negative delays', () => {
    const env = new Environment();
    let fired = 0;
    env.schedule(5, () => fired++);
    env.schedule(15, () => fired++);
    expect(env.run(10)).toBe(1);
    expect(env.now).toBe(10);
    expect(() => env.schedule(-1, () => {})).toThrow(/negative/);
  });

  it('resource serves by priority, then first come first served', () => {
    const env = new Environment();
    const res = new Resource(env, 1);
    const order: string[] = [];
    const customer = (name: string, prio: number) => (function* () {
      yield res.request(prio);
      order.push(name);
      yield 1;
      res.release();
    })();
    env.process(customer('first', 5));
    env.schedule(0.1, () => { env.process(customer('low', 2)); env.process(customer('high', 1)); env.process(customer('high2', 1)); }, 0, URGENT);
    env.run();
    expect(order).toEqual(['first', 'high', 'high2', 'low']);
    expectClose(res.utilisation(env.now), 1, { abs: 1e-12 });
  });

  it('warm-up reset restarts monitors and resource statistics', () => {
    const env = new Environment();
    const res = new Resource(env, 2);
    env.schedule(0, () => res.acquire(0, () => {}));
    env.schedule(4, () => res.release());
    env.warmUp(5);
    env.run(10);
    expect(res.utilisation(env.now)).toBe(0);
  });
});

describe('monitors and stores', () => {
  it('TimeWeighted averages a step function; Tally gives mean and variance', () => {
    const m = new TimeWeighted(0, 0);
    m.record(2, 3); m.record(5, 1);
    expectClose(m.mean(10), (0 * 2 + 3 * 3 + 1 * 5) / 10, { abs: 1e-12 });
    m.reset(10); m.record(12, 0);
    expectClose(m.mean(14), 0.5, { abs: 1e-12 });
    const t = new Tally();
    for (const x of [1, 2, 3, 4]) t.add(x);
    expect(t.mean).toBe(2.5);
    expectClose(t.variance, 5 / 3, { abs: 1e-12 });
  });

  it('PerishableStore issues oldest first and expires at shelf life', () => {
    const s = new PerishableStore();
    for (const b of [5, 1, 3, 2]) s.put(b);
    expect(s.take(2)).toEqual([1, 2]);
    expect(s.expire(38, 35)).toBe(1); // born 3 is 35 days old at 38
    expect(s.ages(38)).toEqual([33]);
  });
});

describe('statistics', () => {
  it('tQuantile matches t tables', () => {
    expectClose(tQuantile(0.975, 1), 12.70620474, { abs: T_TABLE_ABS });
    expectClose(tQuantile(0.975, 10), 2.228138852, { abs: T_TABLE_ABS });
    expectClose(tQuantile(0.975, 29), 2.045229642, { abs: T_TABLE_ABS });
    expectClose(tQuantile(0.975, 1e6), 1.959966, { abs: 1e-5 });
    expectClose(tQuantile(0.025, 29), -2.045229642, { abs: T_TABLE_ABS });
  });

  it('meanCi uses t(n−1)·s/√n', () => {
    const ci = meanCi([1, 2, 3]);
    expect(ci.mean).toBe(2);
    expectClose(ci.ciHigh, 2 + 4.30265273 / Math.sqrt(3), { abs: T_TABLE_ABS });
    expect(meanCi([4]).ciLow).toBe(4);
  });

  it('CounterUniform is deterministic per (entity, counter) and uniform', () => {
    const a = new CounterUniform(streams(3).stream('k'));
    const b = new CounterUniform(streams(3).stream('k'));
    expect(a.at(7, 2)).toBe(b.at(7, 2));
    expect(a.at(7, 2)).not.toBe(a.at(7, 3));
    const bins = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) bins[Math.floor(a.at(i % 1000, Math.floor(i / 1000)) * 10)]!++;
    const chi2 = bins.reduce((t, c) => t + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88); // χ²(9) 0.999 quantile
    const flipped = new CounterUniform(streams(3).stream('k'), true);
    expectClose(flipped.at(7, 2), 1 - a.at(7, 2), { abs: 1e-15 });
  });
});
