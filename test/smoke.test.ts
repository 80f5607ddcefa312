import { describe, expect, it } from 'vitest';
import { streams } from '../src/random/index.js';

describe('streams(seed)', () => {
  it('replays the same sequence for the same name', () => {
    const a = streams(1).stream('x');
    const b = streams(1).stream('x');
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
  });
});
