/**
 * Disk faults (hardening issue, "Faults" 3) through the built CLI: a full disk (a filled 8 MiB tmpfs, when
 * this process may mount one), a file-size limit (`ulimit -f`, SIGXFSZ), a read-only database file,
 * a read-only directory and a read-only file system. Each must end with exit 1 and ONE stderr line
 * `mwb: error: …` that names the database file and says "full" / "file-size limit" / "read-only";
 * the file must stay sound (integrity_check) and the data stored before must be unchanged.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { fileDigest, tempDir } from '../helpers/tmp';
import { assertSound, runCli, type CliRun, type StartOptions } from './faults/cli';

const tmp = tempDir('mwb-disk-');
afterAll(() => tmp.cleanup());
// Other users (the read-only tests run the CLI as `nobody` when this runs as root) must reach the files.
chmodSync(tmp.dir, 0o755);

const isRoot = process.getuid?.() === 0;
/** Root ignores file permissions: the permission tests run the CLI as nobody (65534) then. */
const asUser: StartOptions = isRoot ? { uid: 65534, gid: 65534 } : {};

/** Whether `mount -t tmpfs` works here (root, or a container that allows it). */
function probeMount(): string | undefined {
  const dir = join(tmp.dir, 'probe');
  mkdirSync(dir);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status === 0) {
    spawnSync('umount', [dir]);
    return undefined;
  }
  return (r.stderr || r.error?.message || `exit ${r.status}`).trim();
}
const mountRefused = probeMount();
if (mountRefused !== undefined) console.log(`disk.test: tmpfs tests skipped: mount -t tmpfs is not permitted here (${mountRefused})`);

function dailyFile(name: string, days: number, first = Date.UTC(2012, 0, 1)): string {
  const lines = ['date,open,high,low,close,volume'];
  for (let d = 0; d < days; d++) {
    lines.push(`${new Date(first + d * 86_400_000).toISOString().slice(0, 10)},100.${d % 100},101.5,99.25,100.75,${1000 + d}`);
  }
  const path = join(tmp.dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  chmodSync(path, 0o644);
  return path;
}
const SMALL = dailyFile('SMALL-USD.csv', 300);
const OTHER = dailyFile('OTHER-USD.csv', 50);
/** Six assets × 4,000 days: an import of a few MB of pages. */
const BIG = Array.from({ length: 6 }, (_, a) => dailyFile(`BIG${a}-USD.csv`, 4000));

/** Everything stored, as rows: "previously stored data unchanged" compares this before and after. */
function storedData(db: string): unknown {
  const raw = new Database(db, { readonly: true });
  try {
    return {
      datasets: raw.prepare('SELECT name, synthetic FROM datasets ORDER BY name').all(),
      series: raw.prepare('SELECT asset, content_hash, row_count FROM series ORDER BY asset').all(),
      bars: raw.prepare('SELECT dataset_id, asset, date, open, high, low, close, volume FROM bars ORDER BY dataset_id, asset, date').all(),
      runs: raw.prepare('SELECT id, status, result_hash FROM runs ORDER BY id').all(),
    };
  } finally {
    raw.close();
  }
}

/** A database holding the SMALL series, created by the CLI itself. */
async function seeded(dir: string): Promise<string> {
  const db = join(dir, 'wb.db');
  const r = await runCli(['--db', db, 'import', 'prices', SMALL, '--dataset', 'before']);
  expect(r.code, r.stderr).toBe(0);
  return db;
}

/** Exit 1, one stderr line `mwb: error: …` naming the file and matching `says`. */
function expectStoreError(run: CliRun, db: string, says: RegExp): void {
  expect(run.signal, run.stderr).toBeNull();
  expect(run.code, run.stderr).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^mwb: error: /);
  expect(lines[0]).toContain(db);
  expect(lines[0]).toMatch(says);
}

function mount(dir: string, options: string): void {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mount ${dir}: ${r.stderr}`);
}
function unmount(dir: string): void {
  spawnSync('umount', [dir]);
}

describe.skipIf(mountRefused !== undefined)('a full disk (8 MiB tmpfs, filled)', () => {
  it('an import that does not fit: exit 1 "disk … is full", file sound, earlier data unchanged; fits once space is freed', async () => {
    const dir = join(tmp.dir, 'full');
    mount(dir, 'size=8m');
    try {
      const db = await seeded(dir);
      const before = storedData(db);
      // Leave ~96 KiB: the open and a few pages fit, the 24,000-bar import (2.2 MB file, 2.2 MB WAL) does not.
      const df = spawnSync('df', ['-k', '--output=avail', dir], { encoding: 'utf8' }).stdout.trim().split('\n');
      const availKb = Number(df[df.length - 1]);
      writeFileSync(join(dir, 'filler'), Buffer.alloc(Math.max(0, availKb - 96) * 1024));
      const full = await runCli(['--db', db, 'import', 'prices', ...BIG, '--dataset', 'big']);
      expectStoreError(full, db, /disk holding .* is full; nothing was saved/);
      console.log(`disk full: ${full.stderr.trim()}`);
      assertSound(db);
      expect(storedData(db)).toEqual(before);

      rmSync(join(dir, 'filler'));
      const retry = await runCli(['--db', db, 'import', 'prices', ...BIG, '--dataset', 'big']);
      expect(retry.code, retry.stderr).toBe(0);
      assertSound(db);
    } finally {
      unmount(dir);
    }
  });
});

describe('a file-size limit (ulimit -f)', () => {
  it('SIGXFSZ does not kill the CLI: exit 1 naming the file-size limit, file sound, earlier data unchanged', async () => {
    const dir = join(tmp.dir, 'ulimit');
    mkdirSync(dir);
    const db = await seeded(dir);
    const before = storedData(db);
    // 256 KiB per file (bash counts 1,024-byte blocks): the WAL of the big import passes it.
    const limited = await runCli(['--db', db, 'import', 'prices', ...BIG, '--dataset', 'big'], { shellPrefix: 'ulimit -f 256;' });
    expectStoreError(limited, db, /file-size limit was reached/);
    console.log(`file-size limit: ${limited.stderr.trim()}`);
    assertSound(db);
    expect(storedData(db)).toEqual(before);
  });
});

describe(`read-only storage${isRoot ? ' (CLI run as nobody: root ignores permissions)' : ''}`, () => {
  it('a read-only database file (chmod 444): exit 1 "… is read-only", not a byte changed', async () => {
    const dir = join(tmp.dir, 'ro-file');
    mkdirSync(dir, { mode: 0o755 });
    const db = await seeded(dir);
    chmodSync(db, 0o444);
    const digest = fileDigest(db);
    const run = await runCli(['--db', db, 'import', 'prices', OTHER, '--dataset', 'after'], asUser);
    expectStoreError(run, db, /is read-only; .*Nothing was changed/);
    console.log(`read-only file: ${run.stderr.trim()}`);
    expect(fileDigest(db)).toBe(digest);
    chmodSync(db, 0o644);
    assertSound(db);
  });

  it('a writable file in a read-only directory (no room for -wal/-shm): exit 1 naming the directory; a new file there too', async () => {
    const dir = join(tmp.dir, 'ro-dir');
    mkdirSync(dir, { mode: 0o755 });
    const db = await seeded(dir);
    const digest = fileDigest(db);
    if (isRoot) chownSync(db, 65534, 65534);
    else chmodSync(dir, 0o555);
    try {
      const run = await runCli(['--db', db, 'import', 'prices', OTHER, '--dataset', 'after'], asUser);
      expectStoreError(run, db, /is in a read-only directory/);
      console.log(`read-only directory: ${run.stderr.trim()}`);
      expect(fileDigest(db)).toBe(digest);
      const fresh = join(dir, 'new.db');
      const create = await runCli(['--db', fresh, 'import', 'prices', OTHER], asUser);
      expectStoreError(create, fresh, /cannot create .* the directory .* is read-only/);
    } finally {
      chmodSync(dir, 0o755);
      if (isRoot) chownSync(db, 0, 0);
    }
    assertSound(db);
  });

  it.skipIf(mountRefused !== undefined)('a read-only file system (tmpfs remounted ro; even root cannot write): exit 1 "read-only"', async () => {
    const dir = join(tmp.dir, 'ro-fs');
    mount(dir, 'size=4m');
    try {
      const db = await seeded(dir);
      const before = storedData(db);
      const r = spawnSync('mount', ['-o', 'remount,ro', dir], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const run = await runCli(['--db', db, 'import', 'prices', OTHER, '--dataset', 'after']);
      expectStoreError(run, db, /read-only/);
      console.log(`read-only file system: ${run.stderr.trim()}`);
      expect(spawnSync('mount', ['-o', 'remount,rw', dir]).status).toBe(0);
      assertSound(db);
      expect(storedData(db)).toEqual(before);
    } finally {
      unmount(dir);
    }
  });
});
