/**
 * The enrolment heuristics' waiting list (src/sim/policies/waitingList.ts), traced by hand: who is enrolled
 * after each arrival and departure, against capacity shares chosen so the sums are exact.
 */
import { describe, expect, it } from 'vitest';
import { WaitingList } from '../../src/sim/policies/waitingList.js';

/** Shares below are multiples of 1/4: their sums are exact in doubles, so no tolerance is needed. */
const fits = (used: number, capacity: number): boolean => used <= capacity;
const enrolledOf = (w: WaitingList): number[] => [...w.enrolled.keys()].filter((i) => w.enrolled[i] === 1);

describe('WaitingList: a freed share goes to the next on the list', () => {
  it('referral order: capacity for two; departures enrol the head, arrivals join the end', () => {
    const w = new WaitingList(Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.5]), 1, fits, () => false);
    w.start([1, 0, 2]);
    expect(enrolledOf(w)).toEqual([0, 1]); // 1 then 0 fill 0.5 + 0.5 = 1; 2 waits
    w.join(3); // full: 3 waits behind 2
    expect(enrolledOf(w)).toEqual([0, 1]);
    w.leave(1); // 1's half goes to the head of the list, 2
    expect(enrolledOf(w)).toEqual([0, 2]);
    w.leave(3); // a waiting patient leaves the list
    w.join(4);
    w.leave(0); // → 4 (3 is gone)
    expect(enrolledOf(w)).toEqual([2, 4]);
    expect(w.stats()).toEqual({ enrolled: 2, maxEnrolled: 2, maxShareUsed: 1, enrolledLater: 2, waiting: 0 });
  });

  it('keyed order: an arrival with a higher key goes before those waiting, not before the enrolled', () => {
    const key = [10, 9, 8, 7, 20];
    const w = new WaitingList(new Float64Array(5).fill(0.5), 1, fits, (a, b) => key[a]! > key[b]!);
    w.start([0, 1, 2, 3]);
    w.join(4); // list 4, 2, 3; nobody enrolled leaves for it
    expect(enrolledOf(w)).toEqual([0, 1]);
    w.leave(0);
    expect(enrolledOf(w)).toEqual([1, 4]);
    w.leave(1);
    expect(enrolledOf(w)).toEqual([2, 4]);
  });

  it('first come, first served: a head that does not fit blocks the list; a NaN share is never listed', () => {
    const w = new WaitingList(Float64Array.from([0.5, 0.75, 0.25, Number.NaN]), 1, fits, () => false);
    w.start([0, 1, 2, 3]);
    expect(enrolledOf(w)).toEqual([0]); // 0.5 + 0.75 > 1: 1 blocks 2, as fillYearlyCapacity stops there
    w.leave(0);
    expect(enrolledOf(w)).toEqual([1, 2]); // 0.75 + 0.25 = 1
    expect(w.stats().waiting).toBe(0); // 3's visit fits no nurse's day: never on the list
  });
});
