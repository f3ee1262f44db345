/**
 * Episode library and replay. Reference closes: Binance spot daily closes as listed in
 * ../shared/data/market/SOURCES.md and BTC-USD.csv / ETH-USD.csv (BTC/USDT 2020-03-11 7934.52 →
 * 2020-03-12 4800.00 = −39.50 %; ETH/USDT 194.61 → 107.82 = −44.60 %). Only these few published
 * closes are typed in here; the lead's real-data suite replays the full files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EpisodeFile } from '../../../preload/contract/schemas/scenarios';
import { parseEpisode, parseEpisodeFile, type Episode } from '../../../main/core/stress/episodes';
import { parseScenario } from '../../../main/core/stress/parseScenario';
import { replayEpisode, scenarioFromReplay, type CloseSeries } from '../../../main/core/stress/replay';
import { applyShock } from '../../../main/core/stress/shocks';
import { near } from './helpers';

const LIBRARY_JSON: unknown = JSON.parse(readFileSync(join(__dirname, '../../../resources/episodes.json'), 'utf8'));
const LIBRARY = parseEpisodeFile(LIBRARY_JSON);
const byId = (id: string): Episode => LIBRARY.find((e) => e.id === id)!;

const series = (first: string, closes: number[]): CloseSeries => {
  const start = Date.parse(`${first}T00:00:00Z`);
  return { dates: closes.map((_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10)), close: Float64Array.from(closes) };
};
// Binance closes 2020-03-09 … 2020-03-16 (BTC-USD.csv / ETH-USD.csv rows 938–945).
const BTC = series('2020-03-09', [7929.87, 7894.56, 7934.52, 4800.0, 5578.6, 5172.06, 5361.3, 5028.97]);
const ETH = series('2020-03-09', [202.81, 200.7, 194.61, 107.82, 134.06, 122.54, 123.78, 111.02]);

describe('episode library (resources/episodes.json)', () => {
  it('passes the zod schema and core, and holds the eight episodes of the issue by date only', () => {
    expect(EpisodeFile.safeParse(LIBRARY_JSON).success).toBe(true);
    expect(LIBRARY.map((e) => [e.id, e.anchorDate])).toEqual([
      ['covid-2020-03-12', '2020-03-12'],
      ['crash-2021-05-19', '2021-05-19'],
      ['luna-ust-2022-05', '2022-05-12'],
      ['celsius-3ac-2022-06', '2022-06-13'],
      ['ftx-2022-11', '2022-11-09'],
      ['usdc-depeg-2023-03', '2023-03-11'],
      ['yen-carry-2024-08-05', '2024-08-05'],
      ['liquidation-cascade-2025-10-10', '2025-10-10'],
    ]);
    for (const e of LIBRARY) {
      expect(e.windowRationale.length).toBeGreaterThan(40);
      expect(JSON.stringify(e)).not.toMatch(/returnPct|shockPct/);
    }
    // Single-date events of the issue replay one day close-to-close.
    for (const id of ['covid-2020-03-12', 'crash-2021-05-19', 'yen-carry-2024-08-05', 'liquidation-cascade-2025-10-10']) {
      expect(byId(id).from).toBe(byId(id).anchorDate);
    }
  });

  it('rejects malformed episodes, naming the field', () => {
    const ok = { id: 'mine', name: 'My window', anchorDate: '2024-01-10', from: '2024-01-08', to: '2024-01-12' };
    expect(parseEpisode(ok).description).toBe('');
    expect(() => parseEpisode({ ...ok, from: '2024-01-11' })).toThrow(/episode\.from: 2024-01-11 is after anchorDate 2024-01-10/);
    expect(() => parseEpisode({ ...ok, to: '2024-01-09' })).toThrow(/episode\.to: 2024-01-09 is before anchorDate/);
    expect(() => parseEpisode({ ...ok, anchorDate: '2024-02-30' })).toThrow(/episode\.anchorDate: "2024-02-30" is not a calendar day/);
    expect(() => parseEpisode({ ...ok, returns: 3 })).toThrow(/episode\.returns: is not a known field/);
    expect(() => parseEpisodeFile({ schemaVersion: 1, episodes: [ok, ok] })).toThrow(/episodes\[1\]\.id: "mine" is already used by episodes\[0\]/);
    expect(EpisodeFile.safeParse({ schemaVersion: 1, episodes: [ok, { ...ok, from: '2024-01-11' }] }).error?.issues[0].path).toEqual(['episodes', 1, 'from']);
  });
});

describe('replayEpisode', () => {
  it('close-to-close on the library COVID episode: BTC −39.50 %, ETH −44.60 % (SOURCES.md)', () => {
    const r = replayEpisode({ BTC, ETH }, byId('covid-2020-03-12'), { mode: 'closeToClose' });
    expect(r.missingAssets).toEqual([]);
    expect(r.horizonDays).toBe(1);
    const [btc, eth] = r.moves;
    expect(btc).toMatchObject({ asset: 'BTC', fromDate: '2020-03-11', toDate: '2020-03-12', fromClose: 7934.52, toClose: 4800 });
    expect(btc.returnPct.toFixed(2)).toBe('-39.50');
    near(btc.returnPct, ((4800 - 7934.52) / 7934.52) * 100, 1e-12); // −39.504924…
    expect(eth.returnPct.toFixed(2)).toBe('-44.60'); // (107.82 − 194.61) / 194.61 = −44.5968…
  });

  it('worst h-day move inside [from − 1, to], per asset', () => {
    const covid = byId('covid-2020-03-12'); // window 2020-03-12 … 2020-03-16, so closes 03-11 … 03-16
    const h1 = replayEpisode({ BTC }, covid, { mode: 'worstWindow', horizonDays: 1 });
    expect(h1.moves[0]).toMatchObject({ fromDate: '2020-03-11', toDate: '2020-03-12' });
    const h2 = replayEpisode({ BTC }, covid, { mode: 'worstWindow', horizonDays: 2 });
    // Candidates: 11→13 −29.69 %, 12→14 +7.75 %, 13→15 −3.89 %, 14→16 −2.77 %; 03-10 is outside the window.
    expect(h2.moves[0]).toMatchObject({ fromDate: '2020-03-11', toDate: '2020-03-13' });
    near(h2.moves[0].returnPct, (5578.6 / 7934.52 - 1) * 100, 1e-12);
    const h5 = replayEpisode({ BTC }, covid, { mode: 'worstWindow', horizonDays: 5 });
    expect(h5.moves[0]).toMatchObject({ fromDate: '2020-03-11', toDate: '2020-03-16' });
    expect(() => replayEpisode({ BTC }, covid, { mode: 'worstWindow', horizonDays: 6 })).toThrow(/horizonDays must be an integer in \[1, 5\]/);
  });

  it('reports assets without data instead of inventing them', () => {
    const gap: CloseSeries = { dates: ['2020-03-11', '2020-03-13', '2020-03-14'], close: [100, 90, 80] };
    const late = series('2020-03-12', [10, 11, 12]);
    const covid = byId('covid-2020-03-12');
    const r = replayEpisode({ BTC, GAP: gap, LATE: late }, covid, { mode: 'closeToClose', assets: ['BTC', 'GAP', 'LATE', 'SOL'] });
    expect(r.moves.map((m) => m.asset)).toEqual(['BTC']);
    expect(r.missingAssets).toEqual([
      { asset: 'GAP', reason: 'no close on 2020-03-12' },
      { asset: 'LATE', reason: 'no close on 2020-03-11' },
      { asset: 'SOL', reason: 'no price series for this asset' },
    ]);
    // A worst-window replay uses whatever consecutive pairs exist: GAP has 03-13 → 03-14 only.
    const w = replayEpisode({ GAP: gap }, covid, { mode: 'worstWindow', horizonDays: 1 });
    expect(w.moves[0]).toMatchObject({ fromDate: '2020-03-13', toDate: '2020-03-14' });
  });

  it('a multi-day episode replays from the close before `from` to the anchor close', () => {
    const mine = parseEpisode({ id: 'u1', name: 'user window', from: '2020-03-12', anchorDate: '2020-03-14', to: '2020-03-16' });
    const r = replayEpisode({ BTC }, mine, { mode: 'closeToClose' });
    expect(r.horizonDays).toBe(3);
    expect(r.moves[0]).toMatchObject({ fromDate: '2020-03-11', toDate: '2020-03-14', fromClose: 7934.52, toClose: 5172.06 });
  });

  it('refuses a malformed series', () => {
    const covid = byId('covid-2020-03-12');
    expect(() => replayEpisode({ X: { dates: ['2020-03-12', '2020-03-11'], close: [1, 2] } }, covid, { mode: 'closeToClose' })).toThrow(/X dates must be strictly ascending/);
    expect(() => replayEpisode({ X: { dates: ['2020-03-11', '2020-03-12'], close: [1, NaN] } }, covid, { mode: 'closeToClose' })).toThrow(/X close on 2020-03-12 must be a finite price > 0, got NaN/);
  });
});

describe('scenarioFromReplay', () => {
  it('turns the replay into relative price shocks that move a snapshot by exactly the replayed returns', () => {
    const covid = byId('covid-2020-03-12');
    const r = replayEpisode({ BTC, ETH }, covid, { mode: 'closeToClose', assets: ['BTC', 'ETH', 'SOL'] });
    const wire = scenarioFromReplay(r, covid);
    expect(wire.name).toBe('COVID crash (Black Thursday) (close-to-close)');
    expect(wire.description).toMatch(/close-to-close 2020-03-11 → 2020-03-12; not replayed \(no data\): SOL/);
    const shocked = applyShock({ date: '2026-01-05', spot: { BTC: 60000, ETH: 3000, SOL: 150 }, vol: {}, rate: 0 }, parseScenario(wire));
    near(shocked.spot.BTC, 60000 * (4800 / 7934.52), 1e-9);
    near(shocked.spot.ETH, 3000 * (107.82 / 194.61), 1e-10);
    expect(shocked.spot.SOL).toBe(150);
    expect(shocked.priceMoves[0].returnPct.toFixed(2)).toBe('-39.50');
  });
});
