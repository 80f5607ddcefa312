/**
 * Drivers for the decision procedures, which are generators that yield {@link ReplicationRequest}s: one
 * synchronous driver for a per-replication callback, one asynchronous driver for a batch callback (a worker
 * pool, the sweep machinery). The procedures themselves never call the model.
 *
 * Cost: the procedure's own cost plus one evaluator call per replication (sync) or per request (async).
 */
import type { ReplicationRequest } from './levelTest.js';

/** A procedure: yields requests, receives their values in replication order, returns its result. */
export type Procedure<R> = Generator<ReplicationRequest, R, readonly number[]>;

/** Value of one replication of one level; the same `replication` index must reuse the same random streams. */
export type Evaluate = (level: number, replication: number) => number;

/** Values of replications `from … to − 1` of `level`, in order. */
export type EvaluateBatch = (request: ReplicationRequest) => Promise<readonly number[]> | readonly number[];

/**
 * Run a procedure with a synchronous per-replication evaluator.
 * @example
 * const result = runProcedure(capacitySearch(options), (level, r) => simulate(level, r));
 */
export function runProcedure<R>(procedure: Procedure<R>, evaluate: Evaluate): R {
  let step = procedure.next();
  while (!step.done) {
    const { level, from, to } = step.value;
    const values: number[] = [];
    for (let r = from; r < to; r++) values.push(evaluate(level, r));
    step = procedure.next(values);
  }
  return step.value;
}

/**
 * Run a procedure with a batch evaluator that may be asynchronous (one request in flight at a time).
 * @example
 * const result = await runProcedureAsync(capacitySearch(options), (req) => pool.run(req));
 */
export async function runProcedureAsync<R>(procedure: Procedure<R>, evaluate: EvaluateBatch): Promise<R> {
  let step = procedure.next();
  while (!step.done) {
    const values = await evaluate(step.value);
    step = procedure.next(values);
  }
  return step.value;
}
