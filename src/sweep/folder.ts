/**
 * Resuming into an output folder: a sweep or a capacity search may continue only the run its folder holds (same
 * manifest id, same shard layout); anything else is refused before a file is touched. Shared by `sweep` and
 * `capacity`, which word their refusals each for their own run.
 *
 * Cost: reads at most two small JSON files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { MANIFEST_FILE } from './finalize.js';
import type { Shard } from './manifest.js';
import { POINTS_FILE } from './points.js';

/** The file that records which shard of a run a folder holds. */
export const SHARD_FILE = 'shard.json';

/** How a command words the refusals (the folder's other id or shard goes in the message). */
export interface FolderWording {
  /** The folder holds another run. */
  readonly otherRun: (thisId: string) => string;
  /** The folder's manifest is not JSON: refused with this message, or (undefined) treated as another run. */
  readonly unreadable?: string;
  /** The folder holds another shard layout of this run (`prior`: its shard, undefined when unsharded). */
  readonly otherShard: (prior: Shard | undefined) => string;
}

/**
 * Refuse (exit 2, nothing written) a folder holding another run than `sweepId`, or another shard layout of it.
 * @example checkRunFolder('out', manifest.sweepId, undefined, wording);
 */
export function checkRunFolder(out: string, sweepId: string, shard: Shard | undefined, wording: FolderWording): void {
  const manifestPath = join(out, MANIFEST_FILE);
  if (existsSync(manifestPath)) {
    let other: { sweepId?: string } = {};
    try {
      other = JSON.parse(readFileSync(manifestPath, 'utf8')) as { sweepId?: string };
    } catch {
      if (wording.unreadable !== undefined) throw new InputError([{ code: 'sweep_mismatch', file: manifestPath, message: wording.unreadable }]);
    }
    if (other.sweepId !== sweepId) {
      throw new InputError([{ code: 'sweep_mismatch', path: out, value: other.sweepId, message: wording.otherRun(sweepId) }]);
    }
  }
  const shardPath = join(out, SHARD_FILE);
  const prior = existsSync(shardPath) ? (JSON.parse(readFileSync(shardPath, 'utf8')) as Shard) : undefined;
  if ((prior && (!shard || prior.index !== shard.index || prior.count !== shard.count)) || (!prior && shard && existsSync(join(out, POINTS_FILE)))) {
    throw new InputError([{ code: 'sweep_mismatch', path: out, message: wording.otherShard(prior) }]);
  }
}
