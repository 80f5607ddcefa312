/**
 * The shipped cluster job files run as written: the Slurm array script (with the array index set by hand and the
 * shard count given explicitly, as `SHARDS`) produces shards that merge, and the Kubernetes Indexed Job passes its completion index as --shard.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli, tempDir } from '../helpers/cli.js';

describe('docs/jobs', () => {
  it('slurm-sweep.sh: two array tasks, then merge, give a complete sweep', () => {
    const out = tempDir('carestrata-slurm-');
    for (const i of [0, 1]) {
      const r = spawnSync('bash', ['docs/jobs/slurm-sweep.sh'], {
        encoding: 'utf8',
        env: { ...process.env, SHARDS: '2', SLURM_ARRAY_TASK_ID: String(i), SLURM_CPUS_PER_TASK: '1', SCENARIO: 'test/sweep/tiny.yaml', OUT: out, VARY: 'program.nurses=1..3', REPLICATIONS: '1' },
      });
      expect(r.status, r.stderr).toBe(0);
      expect(existsSync(join(out, `shard-${i}`, 'points.jsonl'))).toBe(true);
    }
    const m = runCli(['merge', join(out, 'shard-0'), join(out, 'shard-1'), '--out', join(out, 'all')]);
    expect(m.code, m.stderr).toBe(0);
    expect(readFileSync(join(out, 'all', 'sweep.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 3);
  });
  it('k8s-sweep.yaml is an Indexed Job whose pods run shard $JOB_COMPLETION_INDEX of the completion count', () => {
    const [job] = parseAllDocuments(readFileSync('docs/jobs/k8s-sweep.yaml', 'utf8')).map((d) => d.toJS() as Record<string, any>);
    expect(job!.spec.completionMode).toBe('Indexed');
    const c = job!.spec.template.spec.containers[0];
    expect(c.env.find((e: { name: string }) => e.name === 'SHARDS').value).toBe(String(job!.spec.completions));
    expect(c.args.join(' ')).toMatch(/carestrata(\.js)? sweep .* --shard "\$JOB_COMPLETION_INDEX\/\$SHARDS" --out "\/results\/staffing\/shard-\$JOB_COMPLETION_INDEX"/);
    const [merge] = parseAllDocuments(readFileSync('docs/jobs/k8s-merge.yaml', 'utf8')).map((d) => d.toJS() as Record<string, any>);
    expect(merge!.spec.template.spec.containers[0].args.join(' ')).toMatch(/carestrata(\.js)? merge \/results\/staffing\/shard-\* --out/);
  });
});
