import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../main/core/errors';
import { DEFAULT_SAMPLE_SPEC, parseSampleSpec } from '../../../main/core/sample';

const raw = JSON.parse(readFileSync(resolve(__dirname, '../../../resources/sample-workspace.json'), 'utf8'));

/** A deep copy of the shipped inputs with one edit applied. */
function edited(edit: (spec: any) => void): unknown { // eslint-disable-line @typescript-eslint/no-explicit-any
  const copy = structuredClone(raw);
  edit(copy);
  return copy;
}

function errorOf(value: unknown): InputError {
  try {
    parseSampleSpec(value);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('parseSampleSpec accepted the edited spec');
}

describe('sample-workspace inputs', () => {
  it('the bundled default is resources/sample-workspace.json, validated', () => {
    expect(parseSampleSpec(raw)).toEqual(DEFAULT_SAMPLE_SPEC);
    expect(DEFAULT_SAMPLE_SPEC.market.assets.map((a) => a.symbol)).toEqual(['BTC', 'ETH', 'SOL', 'DOGE']);
    expect(DEFAULT_SAMPLE_SPEC.market.stablecoins.map((a) => a.symbol)).toEqual(['USDT', 'USDC']);
  });

  const cases: [string, (s: any) => void, RegExp][] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
    ['a market name without SYNTHETIC', (s) => { s.market.name = 'Sample market'; }, /spec\.market\.name: .*SYNTHETIC/],
    ['a book name without SYNTHETIC', (s) => { s.book.name = 'Sample book'; }, /spec\.book\.name/],
    ['an impossible date', (s) => { s.market.lastDate = '2025-02-30'; }, /spec\.market\.lastDate: "2025-02-30" is not a calendar date/],
    ['lastDate before firstDate', (s) => { s.market.lastDate = '2018-12-31'; }, /spec\.market\.lastDate: 2018-12-31 is before firstDate/],
    ['a non-stationary GARCH', (s) => { s.market.assets[0].garchBeta = 0.95; }, /spec\.market\.assets\[0\]: garchAlpha \+ garchBeta \+ garchGamma\/2 must be < 1/],
    ['Student-t with dof ≤ 2', (s) => { s.market.assets[1].dof = 2; }, /spec\.market\.assets\[1\]\.dof: must be > 2, got 2/],
    ['a missing number', (s) => { delete s.market.assets[2].dailyVol; }, /spec\.market\.assets\[2\]\.dailyVol: expected a finite number, got undefined/],
    ['a first anchor off firstDate', (s) => { s.market.assets[0].anchors[0].date = '2019-01-02'; }, /spec\.market\.assets\[0\]\.anchors\[0\]\.date: must be firstDate/],
    ['anchors out of order', (s) => { s.market.assets[0].anchors[2].date = '2019-03-01'; }, /anchors\[2\]\.date: 2019-03-01 must be after 2019-06-30/],
    ['an episode past lastDate', (s) => { s.market.episodes[2].from = '2025-12-30'; }, /spec\.market\.episodes\[2\]: 2025-12-30\.\.2026-01-04 is outside/],
    ['overlapping episodes', (s) => { s.market.episodes[1].from = '2020-03-14'; }, /spec\.market\.episodes\[1\]: starts 2020-03-14, inside spec\.market\.episodes\[0\]/],
    ['a crash of −100 %', (s) => { s.market.episodes[0].days[1].returnPct = -100; }, /episodes\[0\]\.days\[1\]\.returnPct: must be > -100/],
    ['de-peg lows not matching closes', (s) => { s.market.stablecoins[1].depegs[0].lows.pop(); }, /stablecoins\[1\]\.depegs\[0\]\.lows: needs 5 entries/],
    ['a duplicate symbol', (s) => { s.market.stablecoins[0].symbol = 'BTC'; }, /asset symbol BTC appears twice/],
    ['a product that is not listed', (s) => { s.book.retail.products[2].settlement = 'inverse'; }, /spec\.book\.retail\.products\[2\]: SOL inverse perpetual is not listed/],
    ['collateral in an unknown asset', (s) => { s.book.collateralProfiles[0].weights = { DAI: 1 }; }, /collateralProfiles\[0\]\.weights\.DAI: DAI is not an asset/],
    ['a settlement asset that is no stablecoin', (s) => { s.book.linearSettlementAsset = 'BTC'; }, /spec\.book\.linearSettlementAsset: BTC is not a stablecoin/],
    ['a contract size as a JSON number', (s) => { s.book.underlyings[0].inverseContractSizeUsd = 100; }, /underlyings\[0\]\.inverseContractSizeUsd: expected a non-empty string/],
    ['an underlying without a market series', (s) => { s.book.underlyings[3].symbol = 'XRP'; }, /underlyings\[3\]\.symbol: XRP is not a risk asset/],
    ['a fractional account count', (s) => { s.book.retail.count = 10.5; }, /spec\.book\.retail\.count: must be an integer/],
  ];
  for (const [what, edit, message] of cases) {
    it(`refuses ${what}, naming the field`, () => {
      expect(errorOf(edited(edit)).message).toMatch(message);
    });
  }
});
