// Replays of library episodes (resources/episodes.json) on the REAL daily closes of ../shared/data/market
// (never copied into the repository; SOURCES.md names each file's origin), through `mwb episode` run
// in-process (runCli from source) on the CSV directory, nothing stored.
//
// Reference: the closes themselves, read here from the CSV files independently of the importer. Black
// Thursday on Binance spot (SOURCES.md: Binance BTCUSDT / ETHUSDT daily candles, CryptoDataDownload via
// mschindler779/CausCrypto): BTC 7,934.52 → 4,800.00 = −39.50 %, ETH −44.60 %, close 2020-03-11 → close 2020-03-12
// (numpy: 4800.00 / 7934.52 − 1 = −0.3950484717; the same closes as test/refdata/backtest.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mwbInProcess, parsed } from '../cli/calibrationCli';
import { requireMarketDir } from './helpers';

interface Replay {
  episode: { id: string };
  mode: string;
  horizonDays: number;
  moves: { asset: string; fromDate: string; toDate: string; fromClose: number; toClose: number; returnPct: number }[];
  missingAssets: { asset: string; reason: string }[];
  scenario: { shocks: { assets: string[]; shockPct: number }[] } | null;
}

/** The `close` column of a reference CSV by date (header `date,…,close,…`), parsed here without the app's importer. */
function closesOf(file: string): Map<string, number> {
  const [header, ...rows] = readFileSync(join(requireMarketDir(), file), 'utf8').trim().split(/\r?\n/);
  const cols = header!.toLowerCase().split(',');
  const d = cols.findIndex((c) => c === 'date' || c === 'timestamp');
  const c = cols.indexOf('close');
  return new Map(rows.map((r) => r.split(',')).map((f) => [f[d]!.slice(0, 10), Number(f[c])]));
}

const replay = async (args: string[]): Promise<Replay> => parsed<Replay>(await mwbInProcess(['--json', 'episode', '--prices', requireMarketDir(), ...args]));

describe('episode replay on the reference history', () => {
  it('COVID 2020-03-12 close-to-close: BTC −39.50 %, ETH −44.60 %', async () => {
    const r = await replay(['--name', 'covid-2020-03-12']);
    expect(r).toMatchObject({ episode: { id: 'covid-2020-03-12' }, mode: 'closeToClose', horizonDays: 1 });
    const btc = r.moves.find((m) => m.asset === 'BTC')!;
    const eth = r.moves.find((m) => m.asset === 'ETH')!;
    expect(btc).toMatchObject({ fromDate: '2020-03-11', toDate: '2020-03-12', fromClose: 7934.52, toClose: 4800 });
    expect(Math.abs(btc.returnPct - -39.5)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(eth.returnPct - -44.6)).toBeLessThanOrEqual(0.01);
    // Every replayed move is the file's own closes.
    for (const m of r.moves) {
      const c = closesOf(`${m.asset}-USD.csv`);
      expect(m.fromClose, m.asset).toBe(c.get('2020-03-11'));
      expect(m.toClose, m.asset).toBe(c.get('2020-03-12'));
      expect(m.returnPct).toBeCloseTo((m.toClose / m.fromClose - 1) * 100, 12);
    }
    // Assets listed after March 2020 are reported, never filled in.
    for (const miss of r.missingAssets) expect(miss.reason).toMatch(/^no close on 2020-03-1[12]/);
    expect(r.scenario!.shocks.find((s) => s.assets[0] === 'BTC')!.shockPct).toBe(btc.returnPct);
  });

  it('FTX 2022-11 worst 3-day window per asset = a brute-force search of the file', async () => {
    const r = await replay(['--name', 'ftx-2022-11', '--mode', 'worst-window', '--horizon', '3', '--assets', 'BTC,SOL']);
    expect(r.horizonDays).toBe(3);
    for (const m of r.moves) {
      const c = closesOf(`${m.asset}-USD.csv`);
      // resources/episodes.json ftx-2022-11: closes from the day before `from` (2022-11-05) to `to` (2022-11-14).
      const days = [...c.keys()].filter((d) => d >= '2022-11-05' && d <= '2022-11-14').sort();
      let worst = Infinity;
      for (let i = 3; i < days.length; i++) worst = Math.min(worst, (c.get(days[i]!)! / c.get(days[i - 3]!)! - 1) * 100);
      expect(m.returnPct, m.asset).toBeCloseTo(worst, 10);
    }
  });
});
