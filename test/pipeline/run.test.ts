import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, runCli, tempDir } from '../helpers/cli.js';

/** The smallest scenario that runs every stage (the sweep tests' fixture). */
const TINY = 'test/sweep/tiny.yaml';

describe('carestrata run SCENARIO --out DIR', () => {
  const a = tempDir();
  const b = tempDir();
  const ra = runCli(['run', TINY, '--out', a]);
  const rb = runCli(['run', TINY, '--out', b]);

  it('writes every stage\'s files, summary.json, report.html and each chart as .vl.json, .svg and .png', () => {
    expect(ra.code, ra.stderr).toBe(0);
    const files = listFiles(a);
    for (const f of ['segments.csv', 'segmentation.json', 'rules.json', 'rules.md', 'priority.csv', 'priority.json', 'plan.csv', 'plan.json', 'policies.csv', 'differences.csv', 'replications.csv', 'timeseries.csv']) expect(files).toContain(f);
    for (const c of ['k_selection', 'segment_profiles', 'rule_precision_recall', 'priority_by_segment', 'plan_daily_use', 'policy_home_transfusions', 'equity_by_segment']) expect(files).toContain(`charts/${c}.svg`);
    expect(files).toContain('summary.json');
    expect(files).toContain('report.html');
    const svgs = files.filter((f) => f.startsWith('charts/') && f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(0);
    for (const svg of svgs) {
      const stem = svg.slice(0, -4);
      expect(files).toContain(`${stem}.png`);
      expect(files).toContain(`${stem}.vl.json`);
    }
    const summary = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')) as { outputs: string[] };
    expect(summary.outputs).toEqual(files);
  });

  it('same seed → every file byte-identical, summary.json, plan.json and report.html included (no timings in files)', () => {
    expect(rb.code, rb.stderr).toBe(0);
    const same = listFiles(a);
    expect(listFiles(b)).toEqual(same);
    for (const f of same) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  });

  it('report.html is self-contained: every chart inlined as SVG, no external script, style, image or font', () => {
    const html = readFileSync(join(a, 'report.html'), 'utf8');
    const charts = listFiles(a).filter((f) => f.endsWith('.svg')).map((f) => f.slice('charts/'.length, -4));
    for (const name of charts) expect(html).toContain(`data-chart="${name}"`);
    expect(html.match(/<svg/g)?.length).toBe(charts.length);
    expect(html).not.toMatch(/<script[^>]+src=|<link|<img[^>]+src="(?!data:)|url\((?!data:|#)|@import/);
    expect(html).toContain('data:font/woff2;base64,');
    expect(html).toMatch(/What was run[\s\S]*seed[\s\S]*11/);
    expect(html).toMatch(/<h2>Recommendation<\/h2>\s*<ul><li>/);
  });

  it('bad scenario → one line naming the YAML path, exit 2, nothing written', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'program:\n  nurses: -1\n');
    const out = join(dir, 'out');
    const r = runCli(['run', bad, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/program\.nurses/);
    expect(existsSync(out)).toBe(false);
  });

  it('report.pseudonymize: true → no original id in any output, pseudonyms instead', () => {
    const dir = tempDir();
    const file = join(dir, 'p.yaml');
    const tiny = readFileSync(TINY, 'utf8').replace(/^report:[\s\S]*$/m, '');
    writeFileSync(file, `${tiny}report: { pseudonymize: true, pseudonym_key: test-key }\n`);
    const plain = join(dir, 'plain.yaml');
    writeFileSync(plain, tiny);
    expect(runCli(['run', file, '--out', join(dir, 'p')]).code).toBe(0);
    expect(runCli(['run', plain, '--out', join(dir, 'q'), '--no-png']).code).toBe(0);
    const ids = readFileSync(join(dir, 'q', 'cohort.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
    const pseudo = readFileSync(join(dir, 'p', 'cohort.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]!);
    expect(pseudo.every((x) => /^P-[0-9a-f]{12}$/.test(x))).toBe(true);
    for (const f of listFiles(join(dir, 'p'))) {
      const text = readFileSync(join(dir, 'p', f), 'latin1');
      for (const id of ids) expect(text.includes(`${id},`) || text.includes(`"${id}"`), `${id} in ${f}`).toBe(false);
    }
    expect(listFiles(join(dir, 'q')).some((f) => f.endsWith('.png'))).toBe(false);
  });
});
