/** Worker-thread entry (piscina): runs one replication. Loaded from the compiled `dist/` tree. */
import type { ReplicationResult, ReplicationTask } from './replication.js';
import { runReplication } from './replication.js';

export default function run(task: ReplicationTask): Promise<ReplicationResult> {
  return runReplication(task);
}
