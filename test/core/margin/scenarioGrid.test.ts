/**
 * Scenario-grid model: the 16 SPAN scenarios against the published table, two hand-worked portfolios
 * against an independent numpy/scipy computation (both paths: Dec single account and vectorised book),
 * the extended table, contingencies, explain output and input errors.
 */
import { describe, expect, it } from 'vitest';
import { compileBook } from '../../../main/core/book/compile';
import type { Book, InstrumentSpec } from '../../../main/core/book/types';
import { InputError } from '../../../main/core/errors';
import { scenarioGridModelFromWire, type ScenarioGridModelWire } from '../../../main/core/margin/portfolioConfig';
import { scenarioGridExplain } from '../../../main/core/margin/portfolioExplain';
import { scenarioGridAccountMargin } from '../../../main/core/margin/scenarioGrid';
import { prepareScenarioGridBook, scenarioGridBookMargin } from '../../../main/core/margin/scenarioGridBook';
import { scenarioGridScenarios, scenarioVol } from '../../../main/core/margin/scenarioGridScenarios';
import { instrumentLookup } from '../../../main/core/margin/tiered';
import type { MarketSnapshot } from '../../../main/core/market/types';
import { Dec } from '../../../main/core/money/decimal';
import { expectClose } from '../numeric/close';
import { account, position } from './helpers';
import { DERIBIT_PRESET, SPAN_PRESET } from './portfolioFixtures';

/** Black-76 in TS vs scipy: ~1e-15 relative; sums of a few terms of 1e5 USD. */
const RTOL = 1e-9;
const ATOL_USD = 1e-6;

const SPAN_TEST: ScenarioGridModelWire = {
  kind: 'scenarioGrid', name: 'SPAN test', priceRange: '0.15', priceStepsPerSide: 3, volUpPoints: '15', volDownPoints: '15',
  extremeMultiple: '2', extremeCoverage: '0.35', shortOptionContingencyFraction: '0', offsettingFuturesContingencyFraction: '0',
  shortOptionMinimumFraction: '0.01', initialMarginFactor: '1.1',
};

describe('the 16 SPAN risk scenarios', () => {
  it('match the published scenario table: price move in multiples of the scan range, vol move, fraction of loss', () => {
    // CME Group PC-SPAN documentation, "Risk Arrays" report (cmegroup.com/confluence/display/pubspan/Risk+Arrays):
    // scenarios 1-14 = price unchanged, ±1/3, ±2/3, ±3/3 of the range, each vol up then vol down; 15-16 = extreme
    // moves up/down, vol unchanged. Multiples and weights as tabulated in Lovely Professional University,
    // "Financial Derivatives" (DCOM510), Table 12.1 "Worst Scenario Loss": 15 = +2, 16 = −2, 35 % of the loss; the
    // same 2 × 35 % shows in McMillan, "Options as a Strategic Investment", ch. 34 (futures risk array:
    // extreme move 7,000 where 3/3 of the range is 10,000).
    const TABLE: [number, number, number][] = [
      [0, 1, 1], [0, -1, 1], [1 / 3, 1, 1], [1 / 3, -1, 1], [-1 / 3, 1, 1], [-1 / 3, -1, 1], [2 / 3, 1, 1], [2 / 3, -1, 1],
      [-2 / 3, 1, 1], [-2 / 3, -1, 1], [1, 1, 1], [1, -1, 1], [-1, 1, 1], [-1, -1, 1], [2, 0, 0.35], [-2, 0, 0.35],
    ];
    const scenarios = scenarioGridScenarios(scenarioGridModelFromWire(SPAN_TEST));
    expect(scenarios).toHaveLength(16);
    scenarios.forEach((s, i) => {
      const [ofRange, vol, weight] = TABLE[i];
      expect(s.index).toBe(i);
      expect(s.priceMoveOfRange).toBeCloseTo(ofRange, 15);
      expect(s.priceShock).toBeCloseTo(ofRange * 0.15, 15);
      expect(s.volDirection).toBe(vol);
      expect(s.weight).toBe(weight);
    });
  });

  it('the preset gives the same 16 points at its own range', () => {
    const scenarios = scenarioGridScenarios(scenarioGridModelFromWire(SPAN_PRESET));
    expect(scenarios.map((s) => [s.priceMoveOfRange, s.volDirection, s.weight])).toEqual(
      scenarioGridScenarios(scenarioGridModelFromWire(SPAN_TEST)).map((s) => [s.priceMoveOfRange, s.volDirection, s.weight]),
    );
  });

  it('Deribit-style preset: 9 buckets × vol up/down (× unchanged when asked) plus 8 extended moves on vol up', () => {
    const base = scenarioGridScenarios(scenarioGridModelFromWire(DERIBIT_PRESET));
    expect(base).toHaveLength(9 * 2 + 8);
    const full = scenarioGridScenarios(scenarioGridModelFromWire({ ...DERIBIT_PRESET, volUnchanged: true }));
    expect(full).toHaveLength(9 * 3 + 8);
    const prices = [...new Set(full.filter((s) => s.kind === 'scan').map((s) => Math.round(s.priceShock * 1e6) / 1e6))].sort((a, b) => a - b);
    expect(prices).toEqual([-0.16, -0.12, -0.08, -0.04, 0, 0.04, 0.08, 0.12, 0.16]);
    const extended = full.filter((s) => s.kind === 'extended');
    expect(extended.map((s) => s.priceShock)).toEqual([-0.66, -0.33, 0.5, 1, 2, 3, 4, 5]);
    expect(extended.every((s) => s.volDirection === 1 && s.weight === 0.33)).toBe(true);
  });

  it('scales vol shifts by (30/DTE)^p with DTE floored at one day and floors shocked vols at 0', () => {
    const m = scenarioGridModelFromWire(DERIBIT_PRESET);
    expectClose(scenarioVol(m, 0.5, 7, 1), 0.5 + 0.38 * (30 / 7) ** 0.3, 1e-15);
    expectClose(scenarioVol(m, 0.5, 0, 1), 0.5 + 0.38 * 30 ** 0.3, 1e-15);
    expect(scenarioVol(m, 0.2, 90, -1)).toBe(0);
    expect(scenarioVol(m, 0.5, 90, 0)).toBe(0.5);
  });
});

const DATE = '2025-12-31';

function bothPaths(book: Book, market: MarketSnapshot, wire: ScenarioGridModelWire) {
  const model = scenarioGridModelFromWire(wire);
  const dec = scenarioGridAccountMargin(book.accounts[0], instrumentLookup(book.instruments), market, model);
  const flt = scenarioGridBookMargin(prepareScenarioGridBook(compileBook(book, market), model));
  return { dec, flt };
}

describe('hand-worked portfolio A: long linear future + short linear call (SPAN 16)', () => {
  const instruments: InstrumentSpec[] = [
    { id: 'BTC-20260626', kind: 'future', underlying: 'BTC', settlement: 'linear', expiry: '2026-06-26' },
    { id: 'BTC-20260327-65000-C', kind: 'option', underlying: 'BTC', settlement: 'linear', expiry: '2026-03-27', strike: new Dec(65000), optionType: 'call' },
  ];
  const book: Book = {
    id: 'a', name: 'A', synthetic: true, instruments,
    accounts: [account('A', 'cross', { USDT: '20000' }, [position('BTC-20260626', '2', '58000'), position('BTC-20260327-65000-C', '-3', '2500')])],
  };
  const market: MarketSnapshot = { date: DATE, spot: { BTC: 60000, USDT: 1 }, vol: { BTC: 0.6 }, rate: 0.05 };
  // numpy/scipy Black-76 (scipy 1.17.1, /tmp grid_ref.py): PnL per scenario = 2 (S' − S) − 3 (V(S', σ') − V(S, σ)),
  // T = 86/365, r = 5 %, σ = 60 % ± 15 points.
  const PNL = [
    -5148.363131257682, 5072.636365847475, -3701.0087358436867, 7135.730115390652, -7082.126522840317, 2227.1619119487023,
    -2715.2470524959317, 8428.520165377186, -9519.972546927407, -1372.2420281826053, -2161.3106840594555, 8996.628470593307,
    -12470.106988585056, -5655.105144813666, 2416.333466630509, -22472.41426713582,
  ];
  const { dec, flt } = bothPaths(book, market, SPAN_TEST);

  it('scenario PnL equals the independent computation', () => {
    expect(dec.riskUnits).toHaveLength(1);
    const unit = dec.riskUnits[0];
    PNL.forEach((p, i) => expectClose(unit.scenarioPnlUsd[i], p, RTOL, ATOL_USD, `scenario ${i + 1}`));
  });

  it('MM = worst loss (scenario 13: −3/3 of the range, vol up) since it beats the extreme 35 % and the short option minimum', () => {
    const unit = dec.riskUnits[0];
    expect(unit.worstScenario).toBe(12);
    expectClose(unit.scanRiskUsd.toNumber(), 12470.106988585056, RTOL); // numpy max of weighted losses
    expect(unit.shortOptionMinimumUsd.toString()).toBe('1800'); // 1 % × 60,000 × 3 short calls
    expect(unit.binding).toBe('scanRisk');
    expect(unit.extremeContributionUsd.isZero()).toBe(true);
    expectClose(dec.maintenanceMarginUsd.toNumber(), 12470.106988585056, RTOL);
    expectClose(dec.initialMarginUsd.toNumber(), 13717.117687443562, RTOL); // × 1.1
    expectClose(dec.equityUsd.toNumber(), 16658.780850591356, RTOL); // 20,000 + 2 (60,000 − 58,000) − 3 (V − 2,500)
    expect(dec.liquidatable).toBe(false);
  });

  it('the vectorised path gives the same figures', () => {
    expectClose(flt.accounts.maintenanceMarginUsd[0], 12470.106988585056, RTOL);
    expectClose(flt.accounts.initialMarginUsd[0], 13717.117687443562, RTOL);
    expectClose(flt.accounts.equityUsd[0], 16658.780850591356, RTOL);
    expect(flt.riskUnitWorstScenario[0]).toBe(12);
  });

  it('a deep OTM short option is floored by the short option minimum', () => {
    const otm: Book = { ...book, accounts: [account('B', 'cross', { USDT: '20000' }, [position('BTC-20260327-65000-C', '-3', '2500')])] };
    const far: MarketSnapshot = { ...market, spot: { BTC: 20000, USDT: 1 }, vol: { BTC: 0.2 } };
    const { dec: d, flt: f } = bothPaths(otm, far, SPAN_TEST);
    expect(d.riskUnits[0].binding).toBe('shortOptionMinimum');
    expect(d.maintenanceMarginUsd.toString()).toBe('600'); // 1 % × 20,000 × 3
    expectClose(f.accounts.maintenanceMarginUsd[0], 600, 1e-12);
  });
});

describe('hand-worked portfolio B: inverse contracts and coin collateral (Deribit-style grid)', () => {
  const instruments: InstrumentSpec[] = [
    { id: 'BTC-USD-PERP-INV', kind: 'perpetual', underlying: 'BTC', settlement: 'inverse', contractSizeUsd: new Dec(100) },
    { id: 'BTC-USD-20260327-INV', kind: 'future', underlying: 'BTC', settlement: 'inverse', contractSizeUsd: new Dec(100), expiry: '2026-03-27' },
    { id: 'BTC-20260129-70000-C-INV', kind: 'option', underlying: 'BTC', settlement: 'inverse', expiry: '2026-01-29', strike: new Dec(70000), optionType: 'call' },
    { id: 'BTC-20260129-70000-P-INV', kind: 'option', underlying: 'BTC', settlement: 'inverse', expiry: '2026-01-29', strike: new Dec(70000), optionType: 'put' },
    { id: 'BTC-20260129-50000-P-INV', kind: 'option', underlying: 'BTC', settlement: 'inverse', expiry: '2026-01-29', strike: new Dec(50000), optionType: 'put' },
  ];
  const book: Book = {
    id: 'b', name: 'B', synthetic: true, instruments,
    accounts: [account('B', 'cross', { BTC: '1.5', USDC: '5000' }, [
      position('BTC-USD-PERP-INV', '1000', '62000'), position('BTC-USD-20260327-INV', '-600', '59000'),
      position('BTC-20260129-70000-C-INV', '-2', '0.02'), position('BTC-20260129-70000-P-INV', '0.5', '0.15'),
      position('BTC-20260129-50000-P-INV', '0.5', '0.01'),
    ])],
  };
  const market: MarketSnapshot = { date: DATE, spot: { BTC: 60000, USDC: 1 }, vol: { BTC: 0.55 }, rate: 0 };
  const wire: ScenarioGridModelWire = { ...DERIBIT_PRESET, volUnchanged: true, collateral: { haircuts: { BTC: '0.1', USDC: '0.02' } } };
  // numpy/scipy (/tmp grid_ref.py): inverse PnL q·CS·(1/entry − 1/S')·S', inverse option q·(V' − entry·S'),
  // BTC collateral 1.5 × 0.9 × (S' − S); DTE 29, vol shifts × (30/29)^0.3; 35 scenarios in the order of
  // scenarioGridScenarios (9 buckets × up/down/same, then the extended table).
  const PNL = [
    -2342.73390656998, 988.1135575790738, 0.0, -458.7436755968083, 4249.934678475172, 2497.328054812831, -4371.367225272905,
    -2347.620758372258, -2683.342357100737, 1268.9256922386485, 7292.002226283488, 4748.576877842085, -6527.872912190122,
    -5668.02179366997, -5479.911625512662, 2833.6494049424564, 9905.895121660435, 6712.252429015381, -8790.80058857677,
    -8884.268931643532, -8312.899097576355, 4233.472982200878, 11897.796940058837, 8367.827977868947, -11134.968346233494,
    -11878.581805710004, -11111.664193367966, -39858.24475056892, -21382.07749490592, 10405.914633474116, 10107.20187609762,
    4729.87027029469, -911.0941220160748, -6553.835554258549, -12196.591004354297,
  ];
  const { dec, flt } = bothPaths(book, market, wire);

  it('scenario PnL (coin collateral moving with the scenario) equals the independent computation', () => {
    const unit = dec.riskUnits[0];
    expect(unit.scenarioPnlUsd).toHaveLength(35);
    PNL.forEach((p, i) => expectClose(unit.scenarioPnlUsd[i], p, RTOL, ATOL_USD, `scenario ${i}`));
  });

  it('the −66 % extended move at 33 % drives scan risk; contingencies add 900 + 600', () => {
    const unit = dec.riskUnits[0];
    expect(unit.worstScenario).toBe(27);
    expectClose(unit.scanRiskUsd.toNumber(), 13153.220767687744, RTOL); // 0.33 × 39,858.24
    expectClose(unit.coreScanRiskUsd.toNumber(), 11878.581805710004, RTOL); // −16 %, vol down
    expectClose(unit.extremeContributionUsd.toNumber(), 13153.220767687744 - 11878.581805710004, RTOL);
    // Net short per series: (29 Jan, 70,000) −2 calls + 0.5 puts = −1.5; (29 Jan, 50,000) +0.5 → 1.5 × 1 % × 60,000.
    expect(unit.netShortOptions.toString()).toBe('1.5');
    expect(unit.shortOptionContingencyUsd.toString()).toBe('900');
    // min(long 1,000 × 100, short 600 × 100) × 1 %.
    expect(unit.offsettingFuturesContingencyUsd.toString()).toBe('600');
    expectClose(dec.maintenanceMarginUsd.toNumber(), 14653.220767687744, RTOL);
    expectClose(dec.initialMarginUsd.toNumber(), 18316.52595960968, RTOL); // × 1.25
    expectClose(dec.equityUsd.toNumber(), 83240.0573770693, RTOL);
  });

  it('the vectorised path gives the same figures', () => {
    expectClose(flt.accounts.maintenanceMarginUsd[0], 14653.220767687744, RTOL);
    expectClose(flt.accounts.initialMarginUsd[0], 18316.52595960968, RTOL);
    expectClose(flt.accounts.equityUsd[0], 83240.0573770693, RTOL);
    expect(flt.riskUnitWorstScenario[0]).toBe(27);
  });

  it('explain names the driving scenario and every component as JSON-safe data', () => {
    const e = scenarioGridExplain(dec);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    expect(e.riskUnits[0].worstScenario.label).toBe('extended: price −66.00 %, vol up');
    expect(e.riskUnits[0].binding).toBe('scanRisk');
    expect(e.valuation.collateral.find((c) => c.asset === 'BTC')?.haircut).toBe('0.1');
    expect(e.valuation.positions).toHaveLength(5);
    expect(Number(e.maintenanceMarginUsd)).toBeCloseTo(14653.220767687744, 6);
  });
});

describe('input errors name the field or value', () => {
  const instruments: InstrumentSpec[] = [
    { id: 'C', kind: 'option', underlying: 'BTC', settlement: 'linear', expiry: '2026-03-27', strike: new Dec(65000), optionType: 'call' },
    { id: 'OLD', kind: 'option', underlying: 'BTC', settlement: 'linear', expiry: '2025-12-01', strike: new Dec(65000), optionType: 'call' },
  ];
  const model = scenarioGridModelFromWire(SPAN_TEST);
  const lookup = instrumentLookup(instruments);
  it('an option without a vol, an expired option, a bad config', () => {
    const a = account('x', 'cross', { USDT: '1' }, [position('C', '1', '10')]);
    expect(() => scenarioGridAccountMargin(a, lookup, { date: DATE, spot: { BTC: 1, USDT: 1 }, vol: {}, rate: 0 }, model)).toThrow(/no vol for BTC/);
    const b = account('y', 'cross', { USDT: '1' }, [position('OLD', '1', '10')]);
    expect(() => scenarioGridAccountMargin(b, lookup, { date: DATE, spot: { BTC: 1, USDT: 1 }, vol: { BTC: 0.5 }, rate: 0 }, model)).toThrow(/expired on 2025-12-01/);
    expect(() => scenarioGridModelFromWire({ ...SPAN_TEST, priceRange: '1.5' })).toThrow(InputError);
    expect(() => scenarioGridModelFromWire({ ...SPAN_TEST, priceStepsPerSide: 0 })).toThrow(/priceStepsPerSide/);
    expect(() => scenarioGridModelFromWire({ ...SPAN_TEST, priceRange: '0.4', extremeMultiple: '3' })).toThrow(/extremeMultiple: 3 × priceRange 0.4/);
    expect(() => scenarioGridModelFromWire({ ...SPAN_TEST, extendedTable: [{ priceShock: '-1', coverage: '0.3' }] })).toThrow(/extendedTable\[0\]\.priceShock/);
  });
});
