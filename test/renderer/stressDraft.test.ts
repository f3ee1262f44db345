import { describe, expect, it } from 'vitest';
import {
  defaultScenarioDraft, describeShock, draftOfScenario, issuesByField, scenarioOfDraft, type ScenarioDraft,
} from '../../renderer/src/components/stress/scenarioDraft';
import { correlationDraftOf, parseOverrides, parsePairs } from '../../renderer/src/components/stress/correlationDraft';
import { checkScenario, defaultMonteCarloDraft, defaultReverseDraft, defaultRunDraft, reverseInput, runInput } from '../../renderer/src/components/stress/runInputs';
import type { ScenarioWire } from '../../renderer/src/components/stress/draftTypes';
import { ScenarioFile } from '../../preload/contract/schemas/scenarios';

const ASSETS = ['BTC', 'ETH', 'SOL', 'USDC', 'USDT'];

/** The example of docs/formats scenarios ("Crypto winter with USDC stress"), verbatim. */
const FORMATS_EXAMPLE: ScenarioWire = {
  schemaVersion: 1,
  name: 'Crypto winter with USDC stress',
  source: 'risk committee 2026-01',
  shocks: [
    { type: 'price', shift: 'relative', assets: 'all', except: ['USDT', 'USDC'], shockPct: -35 },
    { type: 'price', shift: 'level', asset: 'ETH', newPriceUsd: '1800' },
    { type: 'vol', assets: 'all', volPoints: 25, termScalingPower: 0.5 },
    { type: 'basis', instrument: 'future', assets: ['BTC', 'ETH'], basisShockBp: -150 },
    { type: 'funding', assets: ['BTC'], ratePerPeriod: '-0.00075', periods: 21 },
    { type: 'depeg', asset: 'USDC', priceUsd: '0.88' },
    { type: 'haircut', asset: 'USDC', haircutAddOn: '0.05' },
    { type: 'liquidity', assets: 'all', depthMultiplier: 0.3 },
    {
      type: 'correlation',
      base: { estimator: 'ewma', lambda: 0.97, window: { from: '2022-05-01', to: '2022-06-30' } },
      operations: [
        { op: 'blend', toward: 'ones', weight: 0.5, assets: ['BTC', 'ETH', 'SOL'] },
        { op: 'override', pairs: [{ assets: ['ETH', 'SOL'], correlation: 0.95 }], weight: 0.8 },
      ],
    },
  ],
};

function draft(edit: (d: ScenarioDraft) => void): ScenarioDraft {
  const d = defaultScenarioDraft(ASSETS);
  d.name = 'Test';
  edit(d);
  return d;
}

describe('scenario draft → scenario file', () => {
  it('writes the "all" row first (minus the unticked stablecoins), then each asset row, each shock with its cell', () => {
    const d = draft((x) => {
      x.all.price = '-30';
      x.rows.ETH.priceMode = 'level';
      x.rows.ETH.price = '1800';
      x.rows.BTC.volPoints = '25';
      x.rows.BTC.fundingRate = '0.0001';
      x.rows.BTC.fundingPeriods = '21';
      x.rows.USDC.depegPriceUsd = '0.95';
    });
    expect(d.except).toEqual(['USDC', 'USDT']);
    const built = scenarioOfDraft(d);
    expect(built.issues).toEqual({});
    expect(built.scenario.shocks).toEqual([
      { type: 'price', shift: 'relative', assets: 'all', except: ['USDC', 'USDT'], shockPct: -30 },
      { type: 'vol', assets: ['BTC'], volPoints: 25 },
      { type: 'funding', assets: ['BTC'], ratePerPeriod: '0.0001', periods: 21 },
      { type: 'price', shift: 'level', asset: 'ETH', newPriceUsd: '1800' },
      { type: 'depeg', asset: 'USDC', priceUsd: '0.95' },
    ]);
    expect(built.fields).toEqual(['all.price', 'BTC.volPoints', 'BTC.fundingRate', 'ETH.price', 'USDC.depegPriceUsd']);
    expect(ScenarioFile.safeParse(built.scenario).success).toBe(true);
  });

  it('names the cell of text that is not a number, and a funding rate without periods', () => {
    const built = scenarioOfDraft(draft((x) => {
      x.rows.SOL.volPoints = 'ten';
      x.rows.BTC.fundingRate = '0.0001';
    }));
    expect(built.issues).toEqual({ 'SOL.volPoints': ['"ten" is not a number'], 'BTC.fundingPeriods': ['is required'] });
  });

  it('shows the contract schema messages next to the cell that caused them', () => {
    const built = scenarioOfDraft(draft((x) => {
      x.name = '';
      x.rows.BTC.price = '-150';
      x.rows.USDC.haircutAddOn = '1.5';
    }));
    expect(checkScenario(built.scenario, built.fields)).toEqual({
      name: ['Too small: expected string to have >=1 characters'],
      'BTC.price': ['must be a number in (-100, 1000]'],
      'USDC.haircutAddOn': ['must be a decimal string in [0, 1]'],
    });
    // The same paths as scenario:validate reports them (strings, with the payload prefix).
    expect(issuesByField([{ path: 'scenario.shocks.1.haircutAddOn', message: 'm' }, { path: '', message: 'whole' }], built.fields))
      .toEqual({ 'USDC.haircutAddOn': ['m'], scenario: ['whole'] });
  });
});

describe('scenario file → draft', () => {
  it('puts the formats example into the table; the term-scaled vol and the "all" shock with another except are kept as written', () => {
    const { draft: d, keptPriceOrder } = draftOfScenario(FORMATS_EXAMPLE, ASSETS);
    expect(keptPriceOrder).toBe(false);
    expect(d.all.price).toBe('-35');
    expect(d.except).toEqual(['USDT', 'USDC']);
    // The liquidity shock covers all assets with no except: the "all" row already leaves out USDT and USDC.
    expect(d.all.depthMultiplier).toBe('');
    expect([d.rows.ETH.priceMode, d.rows.ETH.price]).toEqual(['level', '1800']);
    expect([d.rows.BTC.futureBasisBp, d.rows.ETH.futureBasisBp]).toEqual(['-150', '-150']);
    expect([d.rows.BTC.fundingRate, d.rows.BTC.fundingPeriods]).toEqual(['-0.00075', '21']);
    expect([d.rows.USDC.depegPriceUsd, d.rows.USDC.haircutAddOn]).toEqual(['0.88', '0.05']);
    expect(d.kept).toEqual([FORMATS_EXAMPLE.shocks[2], FORMATS_EXAMPLE.shocks[7]]);
    expect(d.correlation).toMatchObject({ enabled: true, estimator: 'ewma', lambda: '0.97', from: '2022-05-01', to: '2022-06-30' });
    // Back to a file: the same shocks (the BTC/ETH basis shock split per asset), price-like ones in the same order per asset.
    const again = scenarioOfDraft(d).scenario;
    expect(ScenarioFile.safeParse(again).success).toBe(true);
    expect(again.shocks.filter((s) => s.type === 'price' || s.type === 'depeg')).toEqual([
      FORMATS_EXAMPLE.shocks[0], FORMATS_EXAMPLE.shocks[1], FORMATS_EXAMPLE.shocks[5],
    ]);
    expect(again.shocks.slice(-3)).toEqual([FORMATS_EXAMPLE.shocks[8], FORMATS_EXAMPLE.shocks[2], FORMATS_EXAMPLE.shocks[7]]);
    expect(again.shocks).toHaveLength(FORMATS_EXAMPLE.shocks.length + 1);
  });

  it('keeps every price shock as written when the table would reorder them (absolute then relative compound differently)', () => {
    // P·(1 − 10 %) + 1000 ≠ (P + 1000)·(1 − 10 %): the table writes the "all" row first, so it cannot hold this order.
    const scenario: ScenarioWire = {
      schemaVersion: 1, name: 'order',
      shocks: [
        { type: 'price', shift: 'absolute', asset: 'BTC', changeUsd: '1000' },
        { type: 'price', shift: 'relative', assets: 'all', shockPct: -10 },
        { type: 'vol', assets: ['BTC'], volPoints: 5 },
      ],
    };
    const { draft: d, keptPriceOrder } = draftOfScenario(scenario, ASSETS);
    expect(keptPriceOrder).toBe(true);
    expect(d.kept).toEqual([scenario.shocks[0], scenario.shocks[1]]);
    expect(d.rows.BTC.volPoints).toBe('5');
    expect(scenarioOfDraft(d).scenario.shocks).toEqual([scenario.shocks[2], scenario.shocks[0], scenario.shocks[1]]);
  });

  it('fills an episode replay (one relative price shock per asset) into the price column', () => {
    const replay: ScenarioWire = {
      schemaVersion: 1, name: 'COVID', shocks: [
        { type: 'price', shift: 'relative', assets: ['BTC'], shockPct: -39.905553 },
        { type: 'price', shift: 'relative', assets: ['ETH'], shockPct: -45.49 },
      ],
    };
    const { draft: d } = draftOfScenario(replay, ASSETS);
    expect([d.rows.BTC.price, d.rows.ETH.price, d.rows.SOL.price, d.kept]).toEqual(['-39.905553', '-45.49', '', []]);
    expect(scenarioOfDraft(d).scenario.shocks).toEqual(replay.shocks);
    expect(describeShock(replay.shocks[0])).toBe('price BTC -39.905553 %');
  });
});

describe('correlation operations as typed', () => {
  it('parses pairs and overrides, naming what it cannot read', () => {
    expect(parsePairs('btc:eth, SOL/DOGE; x')).toEqual({ pairs: [['BTC', 'ETH'], ['SOL', 'DOGE']], bad: ['x'] });
    expect(parseOverrides('BTC:ETH=0.9, ETH:SOL = -0.2, SOL:DOGE')).toEqual({
      pairs: [{ assets: ['BTC', 'ETH'], correlation: 0.9 }, { assets: ['ETH', 'SOL'], correlation: -0.2 }], bad: ['SOL:DOGE'],
    });
  });

  it('round-trips the operations of a correlation shock exactly', () => {
    const shock = FORMATS_EXAMPLE.shocks[8] as Extract<ScenarioWire['shocks'][number], { type: 'correlation' }>;
    const d = draft((x) => {
      x.correlation = correlationDraftOf(shock);
    });
    expect(scenarioOfDraft(d).scenario.shocks).toEqual([shock]);
  });
});

describe('run and reverse payloads', () => {
  const selection = { bookId: 'sample-book-20260101', modelId: 'preset:tiered-binance-btcusdt-mark', datasetId: 'ds-1' };
  const scenario = scenarioOfDraft(draft((x) => (x.all.price = '-30'))).scenario;

  it('builds a stress:run payload with Monte Carlo, checked by the contract schema', () => {
    const mc = { ...defaultMonteCarloDraft(), enabled: true, scenarios: '2000', seed: '7' };
    const out = runInput(selection, defaultRunDraft(), mc, scenario);
    expect(out).toEqual({
      ok: true,
      value: {
        ...selection, scenario, insuranceFundUsd: '1000000', cascade: true, maxRounds: 5, penaltyRate: '0.01', severity: 1,
        monteCarlo: { scenarios: 2000, seed: 7, copula: 't', dof: 4, volSource: 'stressed', horizonDays: 1 },
      },
    });
  });

  it('names the fields the schema refuses', () => {
    const mc = { ...defaultMonteCarloDraft(), enabled: true, scenarios: '50', seed: 'x' };
    expect(runInput(selection, defaultRunDraft(), mc, scenario)).toEqual({ ok: false, issues: { 'mc.seed': ['"x" is not a number'] } });
    const bad = runInput({ ...selection, bookId: null }, { ...defaultRunDraft(), insuranceFundUsd: '-5', penaltyRate: '2' }, { ...mc, seed: '1' }, scenario);
    expect(bad).toEqual({
      ok: false,
      issues: {
        'run.bookId': ['choose a book'],
      },
    });
    const schema = runInput(selection, { ...defaultRunDraft(), insuranceFundUsd: '-5', penaltyRate: '2' }, { ...mc, seed: '1' }, scenario);
    expect(schema).toEqual({
      ok: false,
      issues: {
        'run.insuranceFundUsd': ['must not be negative'],
        'run.penaltyRate': ['must be a fraction of liquidated notional in [0, 1], e.g. "0.01"'],
        'mc.scenarios': ['Too small: expected number to be >=100'],
      },
    });
  });

  it('builds a stress:reverse payload for a bad-debt threshold', () => {
    const out = reverseInput(selection, defaultRunDraft(), { ...defaultReverseDraft(), target: 'badDebt', thresholdUsd: '5000000' }, scenario);
    expect(out.ok && out.value).toMatchObject({ target: { kind: 'badDebt', thresholdUsd: '5000000' }, severityMax: 4, gridPoints: 21 });
    const bad = reverseInput(selection, defaultRunDraft(), { ...defaultReverseDraft(), gridPoints: '1' }, scenario);
    expect(bad).toEqual({ ok: false, issues: { 'reverse.gridPoints': ['Too small: expected number to be >=2'] } });
  });
});
