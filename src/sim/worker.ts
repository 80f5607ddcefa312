/** Worker-thread entry (piscina): runs one replication. Loaded from the compiled `dist/` tree. */
import { workerData } from 'piscina';
import { adoptSharedWorkerData } from '../optimize/shareHighs.js';
import type { ReplicationResult, ReplicationTask } from './replication.js';
import { runReplication } from './replication.js';

adoptSharedWorkerData(workerData);

export default function run(task: ReplicationTask): Promise<ReplicationResult> {
  return runReplication(task);
}
