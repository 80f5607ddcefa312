/**
 * A home program's waiting list, as a clinic running today's heuristics keeps it: patients are enrolled from
 * the head of the list while their share of a year's home capacity fits (first come, first served: the fill
 * stops at the first patient who does not fit, as the service model's `fillYearlyCapacity` does); a patient who
 * leaves frees their share, which goes to the next on the list; a new arrival joins the list at its place in
 * the policy's order (`before`) and is enrolled as soon as capacity allows.
 *
 * Pure bookkeeping: no draws, so every policy sees the same run under common random numbers.
 * Cost: O(list) per arrival or departure (an insertion or removal in an array), O(1) per lookup.
 */

/** Counters of a run's waiting list (`Policy.stats`). */
export interface WaitingListStats {
  /** Patients enrolled at the end of the run. */
  readonly enrolled: number;
  /** Most patients enrolled at once. */
  readonly maxEnrolled: number;
  /** Most of the capacity share used at once (≤ the share given, up to the service model's tolerance). */
  readonly maxShareUsed: number;
  /** Enrolments after the start: arrivals, or patients waiting when someone left. */
  readonly enrolledLater: number;
  /** Patients on the list at the end. */
  readonly waiting: number;
}

export class WaitingList {
  /** 1 while patient i is enrolled in the home program. */
  readonly enrolled: Uint8Array;
  private readonly list: number[] = [];
  private used = 0;
  private count = 0;
  private maxCount = 0;
  private maxUsed = 0;
  private later = 0;

  /**
   * @param share per patient, the share of a year's home capacity their visits use (NaN: never fits a nurse's day,
   *   never listed); @param capacity the share that may be used (`enrolment_utilisation`); @param fits the
   *   service model's test of a used share against it; @param before list order: true when a goes before b.
   */
  constructor(private readonly share: Float64Array, private readonly capacity: number,
    private readonly fits: (used: number, capacity: number) => boolean,
    private readonly before: (a: number, b: number) => boolean) {
    this.enrolled = new Uint8Array(share.length);
  }

  /** The day-0 list, already in order, then the first enrolments. O(order). */
  start(order: readonly number[]): void {
    for (const i of order) if (!Number.isNaN(this.share[i]!)) this.list.push(i);
    this.admit();
    this.later = 0;
  }

  /** Patient i arrives: joins the list at its place (after everyone it does not go before), then enrolments. */
  join(i: number): void {
    if (Number.isNaN(this.share[i]!)) return;
    let k = this.list.length;
    while (k > 0 && this.before(i, this.list[k - 1]!)) k--;
    this.list.splice(k, 0, i);
    this.admit();
  }

  /** Patient i leaves: an enrolled patient's share goes to the head of the list; a waiting one leaves the list. */
  leave(i: number): void {
    if (this.enrolled[i]) {
      this.enrolled[i] = 0;
      this.count--;
      this.used -= this.share[i]!;
      this.admit();
      return;
    }
    const k = this.list.indexOf(i);
    if (k >= 0) this.list.splice(k, 1);
  }

  stats(): WaitingListStats {
    return {
      enrolled: this.count, maxEnrolled: this.maxCount, maxShareUsed: this.maxUsed, enrolledLater: this.later,
      waiting: this.list.length,
    };
  }

  /** Enrol from the head of the list while the head's share fits. */
  private admit(): void {
    let k = 0;
    while (k < this.list.length) {
      const i = this.list[k]!, next = this.used + this.share[i]!;
      if (!this.fits(next, this.capacity)) break;
      this.used = next;
      this.enrolled[i] = 1;
      this.count++;
      this.later++;
      k++;
    }
    if (k > 0) this.list.splice(0, k);
    this.maxCount = Math.max(this.maxCount, this.count);
    this.maxUsed = Math.max(this.maxUsed, this.used);
  }
}
