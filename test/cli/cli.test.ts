import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDigest, tempDir } from '../helpers/tmp';
import { jsonOf, REPO, runMwb } from '../helpers/mwb';
import { MALFORMED_CSV } from './malformedCsv';

const tmp = tempDir('mwb-cli-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'wb.db');
const FIXTURE = join(REPO, 'test', 'fixtures', 'csv', 'BTC-USD.csv');

describe('mwb basics', () => {
  it('--version and --help exit 0', () => {
    const v = runMwb(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const h = runMwb(['--help']);
    expect(h.code).toBe(0);
    for (const cmd of ['import prices', 'datasets list', 'demo']) expect(h.stdout).toContain(cmd);
    expect(runMwb(['import', 'prices', '--help']).stdout).toContain('mwb import prices FILE...');
  });

  it('bad commands and flags exit 2 with a one-line reason on stderr', () => {
    for (const args of [['frobnicate'], ['datasets', 'list', '--colour'], ['import', 'prices'], ['demo', '--seed', 'abc'], ['demo', '--seed', '-1']]) {
      const r = runMwb(['--db', db, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^mwb: error: /);
    }
  });

  it('--json prints exactly one JSON document, also for errors', () => {
    const r = runMwb(['--db', db, '--json', 'import', 'prices', join(tmp.dir, 'missing.csv')]);
    expect(r.code).toBe(2);
    expect(jsonOf(r)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('missing.csv') } });
  });
});

describe('mwb demo and import', () => {
  beforeAll(() => {
    const r = runMwb(['--db', db, '--json', 'demo']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('demo summarises the SYNTHETIC sample workspace with account, asset and date counts', () => {
    const r = runMwb(['--db', db, '--json', 'demo']);
    expect(r.code, r.stderr).toBe(0);
    const out = jsonOf<{ synthetic: boolean; counts: { accounts: number; assets: number; dates: number }; dataset: { name: string } }>(r);
    expect(out.synthetic).toBe(true);
    expect(out.dataset.name).toContain('SYNTHETIC');
    expect(out.counts.accounts).toBeGreaterThanOrEqual(2000);
    expect(out.counts.assets).toBeGreaterThanOrEqual(5);
    expect(out.counts.dates).toBeGreaterThanOrEqual(6 * 365);
  });

  it('imports a file, and re-importing it is idempotent', () => {
    const first = jsonOf<{ series: { action: string; rows: number }[] }>(runMwb(['--db', db, '--json', 'import', 'prices', FIXTURE, '--dataset', 'Real']));
    expect(first.series[0]!.action).toBe('created');
    const before = fileDigest(db);
    const again = runMwb(['--db', db, '--json', 'import', 'prices', FIXTURE, '--dataset', 'Real']);
    expect(again.code).toBe(0);
    expect(jsonOf<{ series: { action: string }[] }>(again).series[0]!.action).toBe('unchanged');
    expect(fileDigest(db)).toBe(before);
    const list = jsonOf<{ datasets: { name: string; synthetic: boolean; series: { asset: string; rows: number }[] }[] }>(runMwb(['--db', db, '--json', 'datasets', 'list']));
    expect(list.datasets.find((d) => d.name === 'Real')).toMatchObject({ synthetic: false, series: [{ asset: 'BTC', rows: first.series[0]!.rows }] });
  });

  it.each(MALFORMED_CSV.map((c) => [c.name, c] as const))('rejects a malformed CSV (%s): exit 2, names the line, database unchanged', (_name, c) => {
    const file = join(tmp.dir, `BTC-USD-${c.name.replace(/\W+/g, '-')}.csv`);
    writeFileSync(file, c.text);
    const before = fileDigest(db);
    const r = runMwb(['--db', db, 'import', 'prices', file, '--dataset', 'Real']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    if (c.line !== null) expect(r.stderr).toContain(`line ${c.line}`);
    expect(r.stderr).toContain(c.mentions);
    expect(fileDigest(db)).toBe(before);
  });
});
