import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Dec } from '../../main/core/money/decimal';
import type { Book } from '../../main/core/book/types';
import { openStore } from '../../main/store';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../main/store/migrations';
import { fileDigest, steppingClock, tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function freshPath(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return join(t.dir, 'wb.db');
}

const BOOK: Book = {
  id: 'b1', name: 'Test book', synthetic: false,
  instruments: [
    { id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' },
    { id: 'BTC-INV', kind: 'perpetual', underlying: 'BTC', settlement: 'inverse', contractSizeUsd: new Dec('100') },
    { id: 'BTC-C', kind: 'option', underlying: 'BTC', settlement: 'inverse', expiry: '2026-12-25', strike: new Dec('60000'), optionType: 'call' },
  ],
  accounts: [
    { id: 'a1', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: new Dec('1000.5') }, { asset: 'BTC', balance: new Dec('0.1') }],
      positions: [{ instrumentId: 'BTC-PERP', quantity: new Dec('-0.25'), entryPrice: new Dec('50000.1') }] },
    { id: 'a2', marginMode: 'isolated', collateral: [],
      positions: [{ instrumentId: 'BTC-INV', quantity: new Dec('1000'), entryPrice: new Dec('20000'), isolatedMargin: new Dec('0.05'), leverage: new Dec('10') },
        { instrumentId: 'BTC-C', quantity: new Dec('2'), entryPrice: new Dec('0.015') }] },
  ],
};

describe('store: open and migrate', () => {
  it('applies every migration once, records them, and sets WAL + foreign keys', () => {
    const path = freshPath();
    const store = openStore(path, { appVersion: '9.9.9', now: steppingClock() });
    const rows = store.db.sqlite.prepare('SELECT version, name, app_version FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, app_version: '9.9.9' })));
    expect(store.db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
    const again = openStore(path, { appVersion: '9.9.10' });
    expect(again.db.sqlite.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: LATEST_SCHEMA_VERSION });
    again.close();
  });

  it('refuses a database written by a newer app and leaves it byte-for-byte unchanged', () => {
    const path = freshPath();
    openStore(path, { appVersion: '1.0.0' }).close();
    const raw = new Database(path);
    raw.prepare('INSERT INTO schema_migrations (version, name, app_version, applied_at) VALUES (?, ?, ?, ?)')
      .run(LATEST_SCHEMA_VERSION + 1, 'from_the_future', '99.0.0', '2030-01-01T00:00:00Z');
    raw.close();
    const before = fileDigest(path);
    expect(() => openStore(path, { appVersion: '1.0.0' })).toThrow(/newer version of Margin Workbench \(schema \d+; this version knows up to \d+\)/);
    expect(fileDigest(path)).toBe(before);
  });

  it('refuses a file that is not a database with a clear message', async () => {
    const path = freshPath();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, 'this is not sqlite, just text padded to look like a file'.repeat(20));
    expect(() => openStore(path, { appVersion: '1.0.0' })).toThrow(/not a valid Margin Workbench database/);
  });
});

describe('store: repositories', () => {
  it('round-trips a book with decimals kept exactly as text', () => {
    const store = openStore(freshPath(), { appVersion: '1.0.0' });
    store.transaction(() => store.books.insert(BOOK, { contentHash: 'h1', source: 'test', createdAt: '2026-01-01T00:00:00Z' }));
    const loaded = store.books.load('b1')!;
    expect(loaded.accounts.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(loaded.accounts[0]!.positions[0]!.quantity.toString()).toBe('-0.25');
    expect(loaded.accounts[0]!.collateral.map((c) => `${c.asset}:${c.balance.toString()}`).sort()).toEqual(['BTC:0.1', 'USDT:1000.5']);
    expect(loaded.accounts[1]!.positions[0]!.isolatedMargin!.toString()).toBe('0.05');
    expect(loaded.instruments[2]).toMatchObject({ kind: 'option', expiry: '2026-12-25', optionType: 'call' });
    expect(store.books.summary('b1')).toMatchObject({ accounts: 2, positions: 3, instruments: 3 });
    store.close();
  });

  it('rejects a position on an unknown instrument (foreign key) and stores nothing of that book', () => {
    const store = openStore(freshPath(), { appVersion: '1.0.0' });
    const bad: Book = { ...BOOK, id: 'b2', accounts: [{ id: 'x', marginMode: 'cross', collateral: [], positions: [{ instrumentId: 'NOPE', quantity: new Dec(1), entryPrice: new Dec(1) }] }] };
    expect(() => store.transaction(() => store.books.insert(bad, { contentHash: 'h2', source: 't', createdAt: 't' }))).toThrow(/FOREIGN KEY/);
    expect(store.books.list()).toEqual([]);
    store.close();
  });

  it('stores a run with summaries and Float64Array vectors in one transaction', () => {
    const store = openStore(freshPath(), { appVersion: '1.0.0' });
    store.runs.begin({ id: 'r1', kind: 'margin', inputHash: 'ih', inputs: { book: 'b1' }, params: { a: 1 }, seed: 7, appVersion: '1.0.0', now: '2026-01-01T00:00:00Z' });
    const v = new Float64Array([1.5, -2.25, Number.MIN_VALUE, 1e308]);
    const hash = store.runs.complete('r1', { summaries: { totals: { im: '12.5' } }, vectors: { pnl: v } }, '2026-01-01T00:00:01Z', 1000);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(store.runs.get('r1')).toMatchObject({ status: 'succeeded', resultHash: hash, seed: 7, durationMs: 1000 });
    expect(Array.from(store.runs.vector('r1', 'pnl')!)).toEqual(Array.from(v));
    expect(store.runs.summaries('r1')).toEqual({ totals: { im: '12.5' } });
    store.close();
  });

  it('a failed or cancelled run keeps no results, and completing it afterwards is refused', () => {
    const store = openStore(freshPath(), { appVersion: '1.0.0' });
    for (const status of ['failed', 'cancelled'] as const) {
      const id = `r-${status}`;
      store.runs.begin({ id, kind: 'stress', inputHash: 'ih', inputs: {}, params: {}, appVersion: '1.0.0', now: 'n' });
      store.runs.fail(id, status, 'boom', 'n2', 5);
      expect(store.runs.get(id)).toMatchObject({ status, error: 'boom' });
      expect(() => store.runs.complete(id, { summaries: { x: 1 } }, 'n3', 1)).toThrow(/not running/);
      expect(store.runs.summaries(id)).toEqual({});
    }
    store.close();
  });

  it('marks runs owned by a dead process as interrupted on open', () => {
    const path = freshPath();
    const store = openStore(path, { appVersion: '1.0.0' });
    store.runs.begin({ id: 'orphan', kind: 'stress', inputHash: 'ih', inputs: {}, params: {}, appVersion: '1.0.0', now: 'n' });
    store.db.sqlite.prepare('UPDATE runs SET owner_pid = ? WHERE id = ?').run(2 ** 22 + 12345, 'orphan');
    store.runs.begin({ id: 'mine', kind: 'stress', inputHash: 'ih', inputs: {}, params: {}, appVersion: '1.0.0', now: 'n' });
    store.close();
    const reopened = openStore(path, { appVersion: '1.0.0' });
    expect(reopened.runs.get('orphan')!.status).toBe('interrupted');
    // Our own pid is alive: a run this process still owns is not touched.
    expect(reopened.runs.get('mine')!.status).toBe('running');
    reopened.close();
  });
});
