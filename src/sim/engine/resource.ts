/**
 * A resource with `capacity` identical servers and a priority queue of waiting requests (lower priority value
 * first, then first come first served). Works with callbacks (`acquire`) and generator processes
 * (`yield resource.request(p)`). Tracks busy-server time for utilisation.
 *
 * Cost: O(log q) per request and release, q = queue length.
 */
import type { Environment, Waitable } from './environment.js';
import { URGENT } from './environment.js';

interface Waiting { priority: number; seq: number; resume: () => void }

export class Resource {
  /** Servers in use. */
  inUse = 0;
  private readonly queue: Waiting[] = [];
  private seq = 0;
  private busyArea = 0;
  private lastChange: number;
  private statsStart: number;

  constructor(private readonly env: Environment, readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`Resource: capacity must be a positive integer, got ${capacity}`);
    this.lastChange = env.now;
    this.statsStart = env.now;
    env.onReset((now) => {
      this.accumulate(now);
      this.busyArea = 0;
      this.statsStart = now;
    });
  }

  /** Requests waiting. */
  get queueLength(): number {
    return this.queue.length;
  }

  /** Ask for one server; `onGranted` runs (as an event at the current time) once one is free. */
  acquire(priority: number, onGranted: () => void): void {
    if (this.inUse < this.capacity && this.queue.length === 0) {
      this.accumulate(this.env.now);
      this.inUse++;
      this.env.schedule(0, onGranted, 0, URGENT);
      return;
    }
    this.enqueue({ priority, seq: this.seq++, resume: onGranted });
  }

  /** A waitable for generator processes: `yield res.request()`. */
  request(priority = 0): Waitable {
    return { wait: (_env, resume) => this.acquire(priority, resume) };
  }

  /** Return one server; the best waiting request (if any) gets it now. */
  release(): void {
    if (this.inUse <= 0) throw new Error('Resource.release: nothing to release');
    const next = this.dequeue();
    if (next) {
      this.env.schedule(0, next.resume, 0, URGENT);
      return;
    }
    this.accumulate(this.env.now);
    this.inUse--;
  }

  /** Mean share of servers busy since the start or the last reset. */
  utilisation(now = this.env.now): number {
    this.accumulate(now);
    const span = now - this.statsStart;
    return span > 0 ? this.busyArea / (span * this.capacity) : 0;
  }

  private accumulate(now: number): void {
    this.busyArea += this.inUse * (now - this.lastChange);
    this.lastChange = now;
  }

  private enqueue(w: Waiting): void {
    const q = this.queue;
    q.push(w);
    let i = q.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(w, q[p]!)) break;
      q[i] = q[p]!;
      i = p;
    }
    q[i] = w;
  }

  private dequeue(): Waiting | undefined {
    const q = this.queue;
    if (q.length === 0) return undefined;
    const top = q[0]!;
    const last = q.pop()!;
    if (q.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= q.length) break;
        const r = l + 1;
        const c = r < q.length && before(q[r]!, q[l]!) ? r : l;
        if (!before(q[c]!, last)) break;
        q[i] = q[c]!;
        i = c;
      }
      q[i] = last;
    }
    return top;
  }
}

function before(a: Waiting, b: Waiting): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);
}
