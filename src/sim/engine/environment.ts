/**
 * The simulation environment (after SimPy): a clock, the event heap, and two ways to write processes —
 * plain callbacks (`schedule`) or synchronous generators (`process`) that yield a delay in time units or a
 * {@link Request} for a resource. Generic: no healthcare words here.
 *
 * Cost: O(log n) per event, n = pending events; a generator step adds one `next()` call.
 *
 * Generator processes live in a table and are resumed by one shared event function with the process id as its
 * argument, calling the intrinsic `Generator.prototype.next` directly. The obvious `gen.next()` is a property
 * load on the generator, and every generator *function* has its own `prototype`, so generators made from a
 * `function*` expression per process (one closure each) have one hidden class each: with thousands of them the
 * load goes megamorphic and misses V8's stub cache, which made the hold model with 10,000 pending generator
 * processes 6× slower than callbacks (measured; see docs/sim.md "Engine speed").
 */
import { EventHeap } from './heap.js';
import type { EventFn } from './heap.js';

/** Something a generator process can wait for besides a delay (see `Resource.request`). */
export interface Waitable {
  /** Call `resume` (once) when the process may continue. */
  wait(env: Environment, resume: () => void): void;
}

/** What a generator process yields: a delay (≥ 0) or a waitable. */
export type Yielded = number | Waitable;
export type ProcessGenerator = Generator<Yielded, void, void>;

/** `%GeneratorPrototype%.next`, the one `next` every native generator inherits. */
const generatorNext = Object.getPrototypeOf(function* () {}).prototype.next as (
  this: ProcessGenerator,
) => IteratorResult<Yielded, void>;

/** A native generator that runs any other iterator (a hand-written one, or a generator whose `next` was replaced). */
function* delegate(it: Iterator<Yielded, void, void>): ProcessGenerator {
  yield* { [Symbol.iterator]: () => it };
}

/** Default event priority; lower runs first at equal times. */
export const NORMAL = 1;
/** Priority for events that must run before normal ones at the same time (e.g. resumptions). */
export const URGENT = 0;

export class Environment {
  /** Current simulation time. */
  now = 0;
  /** Events executed so far. */
  eventsProcessed = 0;
  private readonly heap: EventHeap;
  private readonly resetHooks: ((now: number) => void)[] = [];
  /** Live generator processes by id; finished ids are reused. */
  private readonly procs: (ProcessGenerator | undefined)[] = [];
  /** Per-process resume callbacks handed to waitables, made on a process's first wait. */
  private readonly resumers: ((() => void) | undefined)[] = [];
  private readonly freeIds: number[] = [];
  /** The one event function that resumes every generator process (arg = process id). */
  private readonly stepFn: EventFn = (id) => this.step(id);

  constructor(initialEvents = 1024) {
    this.heap = new EventHeap(initialEvents);
  }

  /** Pending events. */
  get pending(): number {
    return this.heap.size;
  }

  /**
   * Run `fn(arg)` after `delay` time units.
   * @example env.schedule(2.5, (i) => served(i), customerIndex);
   */
  schedule(delay: number, fn: EventFn, arg = 0, priority = NORMAL): void {
    if (!(delay >= 0)) throw new Error(`Environment.schedule: negative or invalid delay ${delay}`);
    this.heap.push(this.now + delay, priority, fn, arg);
  }

  /** Run `fn(arg)` at absolute time `time` (not in the past). */
  at(time: number, fn: EventFn, arg = 0, priority = NORMAL): void {
    if (!(time >= this.now)) throw new Error(`Environment.at: time ${time} is before now ${this.now}`);
    this.heap.push(time, priority, fn, arg);
  }

  /**
   * Start a generator process now. It yields delays or waitables; when it returns it is finished.
   * @example env.process((function* () { yield 3; log.push(env.now); })());
   */
  process(gen: ProcessGenerator): void {
    const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.procs.length;
    this.procs[id] = gen.next === generatorNext ? gen : delegate(gen);
    this.schedule(0, this.stepFn, id, URGENT);
  }

  /** Resume process `id` once: schedule its next delay, hand it to a waitable, or retire it. */
  private step(id: number): void {
    const r = generatorNext.call(this.procs[id]!);
    if (r.done) {
      this.procs[id] = undefined;
      this.resumers[id] = undefined;
      this.freeIds.push(id);
      return;
    }
    const y = r.value;
    if (typeof y === 'number') this.schedule(y, this.stepFn, id);
    else y.wait(this, this.resumers[id] ?? this.resumerFor(id));
  }

  private resumerFor(id: number): () => void {
    const resume = (): void => this.step(id);
    this.resumers[id] = resume;
    return resume;
  }

  /** Register a statistics reset (monitors) run by {@link resetStatistics}, e.g. at the end of warm-up. */
  onReset(hook: (now: number) => void): void {
    this.resetHooks.push(hook);
  }

  /** Reset every registered monitor at the current time (warm-up deletion). */
  resetStatistics(): void {
    for (const h of this.resetHooks) h(this.now);
  }

  /** Schedule the warm-up reset at `time`. */
  warmUp(time: number): void {
    this.at(time, () => this.resetStatistics(), 0, URGENT);
  }

  /**
   * Execute events in order until none remain or the next is later than `until`; the clock ends at `until`
   * (or at the last event when `until` is Infinity). Returns the number of events executed.
   */
  run(until = Infinity): number {
    const count = this.drain(until);
    if (until !== Infinity) this.now = until;
    this.eventsProcessed += count;
    return count;
  }

  /**
   * The event loop of {@link run}, a function of its own: V8 optimises a long first loop while it runs and
   * reuses that code on later calls, and code after the loop that had never run then fails on every call
   * (526 deoptimisations per simulated point, measured with `--trace-deopt`).
   */
  private drain(until: number): number {
    const heap = this.heap;
    let count = 0;
    while (heap.size > 0 && heap.peekTime() <= until) {
      heap.pop();
      this.now = heap.poppedTime;
      heap.poppedFn(heap.poppedArg);
      count++;
    }
    return count;
  }

  /** Drop pending events (the clock stays). */
  clear(): void {
    this.heap.clear();
  }
}
