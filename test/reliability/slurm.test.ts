/**
 * Issue 17, item 8: docs/jobs/slurm-sweep.sh and slurm-merge.sh run as written on a real one-node Slurm that this
 * test starts (munged, slurmctld and slurmd in a temporary folder with a generated slurm.conf, free ports, no
 * systemd), and the merged sweep equals a one-process sweep byte for byte. Also: one shard re-submitted alone
 * (`--array=1`) succeeds, and a merge with a shard missing ends at once naming it. Skipped with a message where
 * Debian's slurm-wlm and munge are not installed. Every daemon is stopped by its pid at the end.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

const REPO = resolve(import.meta.dirname, '../..');
const JOBS = join(REPO, 'docs/jobs');
const SCENARIO = join(REPO, 'test/sweep/tiny.yaml');
const VARY = 'program.nurses=1..2';
const BINARIES = ['munged', 'mungekey', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scontrol', 'sinfo'];
const have = (bin: string): boolean => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
const missing = BINARIES.filter((b) => !have(b));
const isRoot = process.getuid?.() === 0;
if (missing.length) console.log(`slurm: skipped, not installed: ${missing.join(', ')} (Debian packages slurm-wlm, munge)`);
else if (!isRoot) console.log('slurm: skipped, starting slurmd needs root');
/** The whole test, Slurm jobs included, ends within this (two 1-point shards + a merge took ≈ 1–2 min on 2 busy cores). */
const JOBS_TIMEOUT_MS = 420_000;

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, cwd, timeout: JOBS_TIMEOUT_MS });
  return { code: r.status ?? -1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(missing.length > 0 || !isRoot)('Slurm job array on a one-node cluster (item 8)', () => {
  const dir = tempDir('carestrata-slurm-');
  const env: NodeJS.ProcessEnv = { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') };
  const pidFiles = ['slurmd.pid', 'slurmctld.pid', 'munged.pid'].map((f) => join(dir, f));

  beforeAll(async () => {
    const [ctld, slurmd] = [await freePort(), await freePort()];
    for (const d of ['state', 'spool', 'submit']) spawnSync('mkdir', ['-p', join(dir, d)]);
    writeFileSync(join(dir, 'plugstack.conf'), '');
    writeFileSync(env.SLURM_CONF!, [
      'ClusterName=carestratatest', 'SlurmctldHost=localhost', 'SlurmUser=root', 'SlurmdUser=root',
      'AuthType=auth/munge', `AuthInfo=socket=${join(dir, 'munge.sock')}`, 'CredType=cred/munge',
      `SlurmctldPort=${ctld}`, `SlurmdPort=${slurmd}`, `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`, `SlurmctldPidFile=${pidFiles[1]}`, `SlurmdPidFile=${pidFiles[0]}`,
      `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`, `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
      'ProctrackType=proctrack/linuxproc', 'TaskPlugin=task/none', 'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none', 'SchedulerType=sched/backfill', 'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_CPU', 'ReturnToService=2', 'MpiDefault=none', `PlugStackConfig=${join(dir, 'plugstack.conf')}`,
      'NodeName=localhost CPUs=2 RealMemory=8000 State=UNKNOWN',
      'PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP', '',
    ].join('\n'));
    expect(sh('mungekey', ['-c', '-k', join(dir, 'munge.key')], env).code).toBe(0);
    const munged = sh('munged', ['--force', `--socket=${join(dir, 'munge.sock')}`, `--key-file=${join(dir, 'munge.key')}`,
      `--pid-file=${pidFiles[2]}`, `--log-file=${join(dir, 'munged.log')}`, `--seed-file=${join(dir, 'munged.seed')}`], env);
    expect(munged.code, munged.out).toBe(0);
    expect(sh('slurmctld', ['-f', env.SLURM_CONF!], env).code).toBe(0);
    expect(sh('slurmd', ['-f', env.SLURM_CONF!, '-N', 'localhost'], env).code).toBe(0);
    for (let i = 0; i < 60 && !/idle/.test(sh('sinfo', ['-h', '-o', '%T'], env).out); i++) await sleep(500);
    expect(sh('sinfo', ['-h', '-o', '%T'], env).out).toMatch(/idle/);
  }, 60_000);

  afterAll(() => {
    for (const f of pidFiles) {
      if (!existsSync(f)) continue;
      const pid = Number(readFileSync(f, 'utf8').trim());
      if (pid > 1) try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
    }
  });

  /** Wait until none of `ids` is queued or running; then each one's JobState. */
  async function waitFor(ids: string[]): Promise<string[]> {
    const deadline = Date.now() + JOBS_TIMEOUT_MS;
    while (Date.now() < deadline && sh('squeue', ['-h', '-j', ids.join(',')], env).out.trim() !== '') await sleep(1000);
    return ids.map((id) => /JobState=(\w+)/.exec(sh('scontrol', ['show', 'job', id], env).out)?.[1] ?? 'unknown');
  }

  it('slurm-submit.sh: 2 array tasks + merge equal a one-process sweep byte for byte; one shard re-runs alone; a missing shard is named', async () => {
    const submit = join(dir, 'submit');
    const out = join(submit, 'out');
    const jobEnv = { ...env, CARESTRATA_HOME: REPO, SCENARIO, OUT: out, VARY, REPLICATIONS: '1' };
    const s = sh('bash', [join(JOBS, 'slurm-submit.sh'), '2'], jobEnv, submit);
    expect(s.code, s.out).toBe(0);
    const [, array, merge] = /sweep array (\d+) \(2 shards\), merge (\d+)/.exec(s.out) ?? [];
    expect(merge, s.out).toBeDefined();
    // the reference sweep runs meanwhile in this process's child
    const one = join(dir, 'one');
    const ref = runCli(['sweep', SCENARIO, '--vary', VARY, '--replications', '1', '--out', one, '--workers', '1']);
    expect(ref.code, ref.stderr).toBe(0);
    const states = await waitFor([array!, merge!]);
    const logs = () => listFiles(submit).filter((f) => f.endsWith('.log')).map((f) => `${f}:\n${readFileSync(join(submit, f), 'utf8')}`).join('\n');
    expect(states[1], logs()).toBe('COMPLETED');
    const merged = join(out, 'all');
    const files = listFiles(one);
    expect(listFiles(merged)).toEqual(files);
    for (const f of files) expect(readFileSync(join(merged, f)).equals(readFileSync(join(one, f))), f).toBe(true);

    // one index alone (as after a node failure): the shard count comes from the argument, not the array size
    const again = sh('sbatch', ['--wait', '--array=1', join(JOBS, 'slurm-sweep.sh'), '2'], jobEnv, submit);
    expect(again.code, again.out + logs()).toBe(0);

    // a shard missing: the merge (run by afterany even when a shard failed) ends at once and names it
    const partial = join(submit, 'partial');
    cpSync(join(out, 'shard-0'), join(partial, 'shard-0'), { recursive: true });
    const m = sh('sbatch', ['--wait', join(JOBS, 'slurm-merge.sh')], { ...jobEnv, OUT: partial }, submit);
    expect(m.code).not.toBe(0);
    expect(logs()).toMatch(/unfinished shards: 1\/2/);
    expect(existsSync(join(partial, 'all'))).toBe(false);
  }, JOBS_TIMEOUT_MS + 60_000);
});

describe('Kubernetes job files (item 8; no cluster here: syntax and the pieces a user needs)', () => {
  const docs = (f: string) => parseAllDocuments(readFileSync(join(JOBS, f), 'utf8'));
  const one = (f: string) => {
    const all = docs(f);
    expect(all.length, f).toBe(1);
    expect(all[0]!.errors, f).toEqual([]);
    return all[0]!.toJS() as Record<string, any>;
  };

  it('every YAML file parses; the sweep is an Indexed Job whose SHARDS equals completions and whose failing index fails the Job', () => {
    const sweep = one('k8s-sweep.yaml');
    expect(sweep.kind).toBe('Job');
    expect(sweep.spec.completionMode).toBe('Indexed');
    expect(sweep.spec.backoffLimitPerIndex).toBeGreaterThanOrEqual(1);
    expect(sweep.spec.maxFailedIndexes).toBe(0);
    const container = sweep.spec.template.spec.containers[0];
    expect(container.env.find((e: { name: string }) => e.name === 'SHARDS').value).toBe(String(sweep.spec.completions));
    expect(container.args.join(' ')).toMatch(/--shard "\$JOB_COMPLETION_INDEX\/\$SHARDS"/);
    expect(readFileSync(join(JOBS, 'k8s-sweep.yaml'), 'utf8')).toMatch(/Kubernetes ≥ 1\.29/);
  });

  it('the claim both Jobs mount is shipped, ReadWriteMany; the image is built by the shipped Dockerfile', () => {
    const pvc = one('k8s-pvc.yaml');
    expect(pvc.kind).toBe('PersistentVolumeClaim');
    expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
    const dockerfile = readFileSync(join(JOBS, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toMatch(/npm ci/);
    for (const f of ['k8s-sweep.yaml', 'k8s-merge.yaml']) {
      const job = one(f);
      expect(job.spec.template.spec.volumes[0].persistentVolumeClaim.claimName, f).toBe(pvc.metadata.name);
      const image = job.spec.template.spec.containers[0].image as string;
      expect(dockerfile, f).toContain(`-t ${image} `);
    }
  });

  it('the shell job files pass bash -n; the wait script ends on failure as well as on completion', () => {
    for (const f of ['slurm-sweep.sh', 'slurm-merge.sh', 'slurm-submit.sh', 'k8s-wait.sh']) {
      const r = spawnSync('bash', ['-n', join(JOBS, f)], { encoding: 'utf8' });
      expect(r.status, `${f}: ${r.stderr}`).toBe(0);
    }
    const wait = readFileSync(join(JOBS, 'k8s-wait.sh'), 'utf8');
    expect(wait).toMatch(/condition=failed/);
    expect(wait).toMatch(/condition=complete/);
  });
});
