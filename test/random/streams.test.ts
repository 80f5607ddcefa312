import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { normal, poisson, sampleIndices, shuffled, streams } from '../../src/random/index.js';
import { expectClose } from '../helpers/close.js';

describe('streams(seed).stream(name)', () => {
  it('replays the same sequence for the same seed and name', () => {
    const a = streams(42).stream('cohort');
    const b = streams(42).stream('cohort');
    for (let i = 0; i < 100; i++) expect(a.next()).toBe(b.next());
  });

  it('gives different sequences for different names and seeds', () => {
    const x = streams(42).stream('a').next();
    expect(streams(42).stream('b').next()).not.toBe(x);
    expect(streams(43).stream('a').next()).not.toBe(x);
  });

  it('keeps streams independent: drawing from one never shifts another', () => {
    const s = streams(5);
    const reference = s.stream('sim/rep/1/arrivals');
    const expected = [reference.next(), reference.next(), reference.next()];
    const other = s.stream('sim/rep/1/outcomes');
    for (let i = 0; i < 1000; i++) other.next();
    const again = s.stream('sim/rep/1/arrivals');
    expect([again.next(), again.next(), again.next()]).toEqual(expected);
  });

  it('child(prefix) names streams under the prefix', () => {
    expect(streams(1).child('sim').stream('x').next()).toBe(streams(1).stream('sim/x').next());
  });

  it('draws exactly what seedrandom.alea draws for the same key (the class is a faster copy of its step)', () => {
    for (const [seed, name] of [[42, 'cohort'], [0, ''], [-7, 'sim/rep/3/arrivals'], [2 ** 31 - 1, 'segment/member/49'], [1924298502, 'é ü 😀']] as const) {
      const ours = streams(seed).stream(name);
      const theirs = seedrandom.alea(`carestrata:${seed}:${name}`);
      for (let i = 0; i < 10_000; i++) expect(ours.next()).toBe(theirs());
    }
  });

  it('rejects a non-integer seed', () => {
    expect(() => streams(1.5)).toThrow(/seed/);
  });
});

describe('distributions', () => {
  // Law of large numbers: 20,000 draws, tolerance 4 standard errors.
  it('normal(mean, sd) has that mean and sd', () => {
    const rng = streams(1).stream('n');
    const xs = Array.from({ length: 20000 }, () => normal(rng, 3, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    expectClose(mean, 3, { abs: (4 * 2) / Math.sqrt(20000) });
    expectClose(sd, 2, { rel: 0.03 });
  });

  it('poisson(mean) has mean ≈ variance ≈ mean', () => {
    const rng = streams(2).stream('p');
    const xs = Array.from({ length: 20000 }, () => poisson(rng, 4));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
    expectClose(mean, 4, { abs: (4 * 2) / Math.sqrt(20000) });
    expectClose(v, 4, { rel: 0.05 });
  });

  it('shuffled is a permutation and sampleIndices draws distinct sorted indices', () => {
    const rng = streams(3).stream('s');
    const p = shuffled(rng, [1, 2, 3, 4, 5, 6]);
    expect([...p].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const idx = Array.from(sampleIndices(rng, 100, 30));
    expect(new Set(idx).size).toBe(30);
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
    expect(Math.max(...idx)).toBeLessThan(100);
  });
});
