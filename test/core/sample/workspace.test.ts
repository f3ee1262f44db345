import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLE_SEED, generateSampleWorkspace } from '../../../main/core/sample';

describe('sample workspace', () => {
  it('generates market and book in well under 2 s and summarises them', () => {
    generateSampleWorkspace(1); // warm the JIT, as a running app would be
    const t0 = performance.now();
    const ws = generateSampleWorkspace(DEFAULT_SAMPLE_SEED);
    const elapsedMs = performance.now() - t0;
    expect(elapsedMs).toBeLessThan(2000);
    expect(ws.summary).toEqual({
      assets: ['BTC', 'ETH', 'SOL', 'DOGE', 'USDT', 'USDC'],
      days: 2557,
      firstDate: '2019-01-01',
      lastDate: '2025-12-31',
      accounts: ws.book.accounts.length,
      positions: ws.book.accounts.reduce((s, a) => s + a.positions.length, 0),
    });
    expect(ws.summary.accounts).toBeGreaterThanOrEqual(2000);
    expect(ws.summary.positions).toBeGreaterThan(ws.summary.accounts);
    expect(ws.market.name).toMatch(/SYNTHETIC/);
    expect(ws.book.name).toMatch(/SYNTHETIC/);
  });

  it('the whole workspace is a function of the seed', () => {
    const a = JSON.stringify(generateSampleWorkspace(42));
    expect(JSON.stringify(generateSampleWorkspace(42))).toBe(a);
    expect(JSON.stringify(generateSampleWorkspace(43))).not.toBe(a);
  });
});
