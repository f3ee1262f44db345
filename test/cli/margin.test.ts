import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDigest, tempDir } from '../helpers/tmp';
import { jsonOf, runMwb } from '../helpers/mwb';

const tmp = tempDir('mwb-cli-margin-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'wb.db');
let dataset = '';

// A one-account book: 1 BTC long linear perp at 20,000 backed by 400 USDT, plus 0.5 ETH of collateral.
const BOOK = {
  name: 'CLI book',
  instruments: [{ id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' }],
  accounts: [{ id: 'a1', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: '400' }], positions: [{ instrumentId: 'BTC-PERP', quantity: '1', entryPrice: '20000' }] }],
};

beforeAll(() => {
  const demo = jsonOf<{ dataset: { name: string } }>(runMwb(['--db', db, '--json', 'demo']));
  dataset = demo.dataset.name;
  writeFileSync(join(tmp.dir, 'book.json'), JSON.stringify(BOOK));
});

describe('mwb margin', () => {
  it('margins a book file under a preset and prints per-account figures, explain and totals', () => {
    const r = runMwb(['--db', db, '--json', 'margin', '--book', join(tmp.dir, 'book.json'), '--model', 'preset:tiered-bybit-entry', '--prices', dataset]);
    expect(r.code, r.stderr).toBe(0);
    const out = jsonOf<{ totals: { accounts: number; maintenanceMarginUsd: string }; prices: Record<string, number>; accounts: { accountId: string; maintenanceMarginUsd: number; equityUsd: number; liquidationPrices: { down: string | null }[]; explain: { components: unknown[] } }[] }>(r);
    expect(out.totals.accounts).toBe(1);
    const a = out.accounts[0]!;
    // equity = 400 USDT × its (synthetic, de-peg aware) price + 1 × (P − 20,000); the preset has no USDT haircut.
    expect(a.equityUsd).toBeCloseTo(400 * out.prices.USDT! + (out.prices.BTC! - 20000), 6);
    expect(a.explain.components.length).toBeGreaterThan(0);
    expect(a.liquidationPrices[0]!.down).not.toBeNull();
  });

  it('gives the same result hash for the same inputs (the model file is stored once)', () => {
    const model = join(tmp.dir, 'model.json');
    writeFileSync(model, JSON.stringify({ kind: 'parametricVar', name: 'Param 97.5 %', confidence: '0.975', horizonDays: 1, lambda: '0.94' }));
    const a = jsonOf<{ resultHash: string; model: { id: string } }>(runMwb(['--db', db, '--json', 'margin', '--book', 'sample-book-20260101', '--model', model, '--prices', dataset, '--no-explain']));
    const b = jsonOf<{ resultHash: string; model: { id: string } }>(runMwb(['--db', db, '--json', 'margin', '--book', 'sample-book-20260101', '--model', model, '--prices', dataset, '--no-explain']));
    expect(a.resultHash).toBe(b.resultHash);
    expect(a.model.id).toBe(b.model.id);
  });

  it('bad flags and files exit 2 with a reason, storing nothing', () => {
    const bad = join(tmp.dir, 'bad-model.json');
    writeFileSync(bad, JSON.stringify({ kind: 'parametricVar', name: 'x', confidence: '2', horizonDays: 1, lambda: '0.94' }));
    const before = fileDigest(db);
    for (const [args, fragment] of [
      [['--book', 'nope', '--model', 'preset:scenario-span-16', '--prices', dataset], 'nope'],
      [['--book', join(tmp.dir, 'book.json'), '--model', bad, '--prices', dataset], 'confidence'],
      [['--book', 'sample-book-20260101', '--model', 'preset:scenario-span-16', '--prices', dataset, '--at', '31/12/2025'], '--at'],
      [['--model', 'preset:scenario-span-16', '--prices', dataset], '--book'],
    ] as const) {
      const r = runMwb(['--db', db, 'margin', ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(fragment);
    }
    expect(fileDigest(db)).toBe(before);
  });
});
