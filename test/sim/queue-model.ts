/**
 * A G/G/c queue written on the engine, used to validate it against closed forms. Not a test file itself.
 */
import type { Rng } from '../../src/random/index.js';
import { Environment, Resource, Tally, TimeWeighted } from '../../src/sim/engine/index.js';

export interface QueueRun {
  /** Mean wait in queue of customers arriving after warm-up. */
  readonly wq: number;
  /** Mean time in system of those customers. */
  readonly w: number;
  /** Time-average number in system over [warmUp, horizon]. */
  readonly l: number;
  /** Arrivals per time unit observed after warm-up. */
  readonly lambda: number;
  /** Σ over customers of time spent in the system inside the window, divided by the window length. */
  readonly lFromSojourns: number;
  readonly customers: number;
  readonly events: number;
}

/** Simulate until `horizon`, collect after `warmUp`. Sampling functions receive their own stream. */
export function simulateQueue(opts: {
  servers: number;
  interarrival: (rng: Rng) => number;
  service: (rng: Rng) => number;
  arrivals: Rng;
  services: Rng;
  warmUp: number;
  horizon: number;
  /** Use generator processes instead of callbacks. */
  generators?: boolean;
}): QueueRun {
  const env = new Environment();
  const server = new Resource(env, opts.servers);
  const inSystem = new TimeWeighted(0, 0);
  const waits = new Tally();
  const sojourns = new Tally();
  let arrivalsAfterWarm = 0;
  let overlap = 0; // time in system inside [warmUp, horizon], all customers
  let n = 0;
  const present = new Set<number>(); // arrival times of customers in the system
  env.onReset((now) => { inSystem.reset(now); waits.reset(); sojourns.reset(); });
  env.warmUp(opts.warmUp);
  const depart = (arrived: number): void => {
    n--;
    present.delete(arrived);
    inSystem.record(env.now, n);
    overlap += Math.max(0, env.now - Math.max(arrived, opts.warmUp));
    if (arrived >= opts.warmUp) sojourns.add(env.now - arrived);
  };
  const arrive = (): void => {
    const arrived = env.now;
    n++;
    present.add(arrived);
    inSystem.record(arrived, n);
    if (arrived >= opts.warmUp) arrivalsAfterWarm++;
    const service = opts.service(opts.services);
    if (opts.generators) {
      env.process((function* () {
        yield server.request();
        if (arrived >= opts.warmUp) waits.add(env.now - arrived);
        yield service;
        server.release();
        depart(arrived);
      })());
    } else {
      server.acquire(0, () => {
        if (arrived >= opts.warmUp) waits.add(env.now - arrived);
        env.schedule(service, () => { server.release(); depart(arrived); });
      });
    }
    env.schedule(opts.interarrival(opts.arrivals), arrive);
  };
  env.schedule(opts.interarrival(opts.arrivals), arrive);
  const events = env.run(opts.horizon);
  // customers still inside at the horizon contribute their time since max(arrival, warmUp)
  for (const a of present) overlap += opts.horizon - Math.max(a, opts.warmUp);
  const span = opts.horizon - opts.warmUp;
  const l = inSystem.mean(opts.horizon);
  return {
    wq: waits.mean,
    w: sojourns.mean,
    l,
    lambda: arrivalsAfterWarm / span,
    lFromSojourns: overlap / span,
    customers: sojourns.count,
    events,
  };
}

/** Erlang C: probability an arrival waits in M/M/c with offered load a = λ/μ. */
export function erlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const last = (term * c) / (c - a); // a^c / c! · c/(c−a)
  return last / (sum + last);
}
