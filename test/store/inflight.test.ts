import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store';
import type { InflightEntry } from '../../main/store/inflight';
import { fileDigest, tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function freshPath(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return join(t.dir, 'wb.db');
}

const ROW = { id: 'run-killed', kind: 'stress', label: 'killed mid-run', inputHash: 'ih', inputs: { book: 'b' }, params: { k: 1 }, seed: 7, appVersion: '0.1.0', now: '2026-01-01T00:00:00.000Z' };
// Above Linux's pid_max (2^22): no process can have this pid.
const DEAD_PID = 2 ** 22 + 4321;

describe('in-flight run journal', () => {
  it('a run whose process died mid-run is recorded as interrupted on the next open, with no results', () => {
    const path = freshPath();
    openStore(path, { appVersion: 'test' }).close();
    mkdirSync(`${path}.inflight`);
    const entry: InflightEntry = { row: ROW, pid: DEAD_PID };
    writeFileSync(join(`${path}.inflight`, 'run-killed.json'), JSON.stringify(entry));
    const store = openStore(path, { appVersion: 'test', now: () => new Date('2026-01-01T00:05:00Z') });
    expect(store.runs.get('run-killed')).toMatchObject({ status: 'interrupted', kind: 'stress', seed: 7, finishedAt: '2026-01-01T00:05:00.000Z', resultHash: null });
    expect(store.runs.summaries('run-killed')).toEqual({});
    expect(readdirSync(`${path}.inflight`)).toEqual([]);
    store.close();
  });

  it('leaves the entries of a live process alone, and removes its own entry when the run ends', () => {
    const path = freshPath();
    const store = openStore(path, { appVersion: 'test' });
    store.inflight.start(ROW);
    expect(readdirSync(`${path}.inflight`)).toEqual(['run-killed.json']);
    // A second open by another connection of this (live) process must not mark it interrupted.
    const other = openStore(path, { appVersion: 'test' });
    expect(other.runs.get('run-killed')).toBeUndefined();
    other.close();
    store.inflight.end(ROW.id);
    expect(readdirSync(`${path}.inflight`)).toEqual([]);
    store.close();
  });

  it('journal writes never touch the database file', () => {
    const path = freshPath();
    const store = openStore(path, { appVersion: 'test' });
    store.close();
    const before = fileDigest(path);
    const again = openStore(path, { appVersion: 'test' });
    again.inflight.start(ROW);
    again.inflight.end(ROW.id);
    again.close();
    expect(fileDigest(path)).toBe(before);
    expect(existsSync(`${path}.inflight`)).toBe(true);
  });
});
