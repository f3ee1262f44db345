/**
 * The two paths of every model agree through the one dispatcher: accountMargin (Dec, one account, with
 * explain) and bookMargin (float64, whole compiled book) to 1e-9 relative, on the SYNTHETIC sample workspace
 * (2,000 accounts: linear and inverse perpetuals, futures and options, isolated and cross, multi-asset
 * collateral) valued at its last date with the book's own ATM vols. Also: account ranges are views of the
 * whole-book result, and the 10,000-account timings stay far inside the targets.
 */
import { describe, expect, it } from 'vitest';
import { compileBook } from '../../../main/core/book/compile';
import { historicalScenarios } from '../../../main/core/margin/historicalScenarios';
import { accountMargin, bookMargin, marginModelFromWire, type MarginContext, type MarginModel, type MarginModelWire } from '../../../main/core/margin/modelDispatch';
import { ewmaCovarianceAsOf } from '../../../main/core/margin/parametricVar';
import { instrumentLookup } from '../../../main/core/margin/tiered';
import type { Dec } from '../../../main/core/money/decimal';
import { benchHistoricalVar, benchScenarioGrid, scaledSampleBook } from './bench/marginBench';
import { BINANCE_PRESET } from './helpers';
import { DERIBIT_PRESET, HS_PRESET, PARAMETRIC_PRESET, SPAN_PRESET, sampleMarginInputs } from './portfolioFixtures';

const TOLERANCE_REL = 1e-9;

/** |a − b| ≤ tol × max(|a|, scale): scale = the magnitude of the terms a quantity is a sum of. */
function close(dec: Dec | null, flt: number, scale: number, what: string): void {
  if (dec === null) {
    expect(Number.isNaN(flt), `${what}: Dec has none, float ${flt}`).toBe(true);
    return;
  }
  const d = dec.toNumber();
  expect(Math.abs(d - flt) <= TOLERANCE_REL * Math.max(Math.abs(d), scale), `${what}: Dec ${d} vs float ${flt}`).toBe(true);
}

const WIRES: [string, MarginModelWire][] = [
  ['tiered (Binance preset)', BINANCE_PRESET],
  ['scenario grid (SPAN 16 preset)', SPAN_PRESET],
  ['scenario grid (Deribit preset, vol up/same/down, BTC/ETH haircuts)', { ...DERIBIT_PRESET, volUnchanged: true, collateral: { haircuts: { BTC: '0.05', ETH: '0.1' }, defaultHaircut: '0' } }],
  ['HS VaR (preset: 99 %, 2 d, 365 d, 25 % buffer)', HS_PRESET],
  ['HS ES, filtered, 10-year floor', { ...HS_PRESET, measure: 'es', filteredHistorical: { lambda: '0.94' }, antiProcyclicality: { tool: 'tenYearFloor' } }],
  ['HS VaR, stressed weight on the sample crash', { ...HS_PRESET, antiProcyclicality: { tool: 'stressedWeight', stressedWeight: '0.3', stressedFrom: '2020-03-01', stressedTo: '2020-04-30' } }],
  ['parametric VaR (preset)', PARAMETRIC_PRESET],
];

describe('Dec and float64 paths agree to 1e-9 on the SYNTHETIC sample workspace', () => {
  const { book, market, history } = sampleMarginInputs();
  const compiled = compileBook(book, market);
  const lookup = instrumentLookup(book.instruments);
  const allAssets = compiled.assets;

  it.each(WIRES)('%s', (_name, wire) => {
    const model: MarginModel = marginModelFromWire(wire);
    const whole = bookMargin(compiled, model, { history });
    expect(whole.accountIds).toEqual(compiled.accounts.ids);
    // Per-book inputs built once, as a service margining accounts one by one would.
    const context: MarginContext = { history };
    if (model.kind === 'historicalVar') context.historicalScenarios = historicalScenarios(model, history, market.date, allAssets);
    if (model.kind === 'parametricVar') context.covariance = ewmaCovarianceAsOf(history, allAssets, market.date, model.lambda);
    let liquidatable = 0;
    let withMargin = 0;
    book.accounts.forEach((account, k) => {
      const m = accountMargin(account, lookup, market, model, context);
      const a = whole.accounts;
      const at = `${model.name} / ${account.id}`;
      const gross = Math.abs(a.collateralValueUsd[k]) + Math.abs(a.unrealisedPnlUsd[k]) + Math.abs(m.equityUsd.toNumber());
      close(m.equityUsd, a.equityUsd[k], gross, `${at} equity`);
      close(m.initialMarginUsd, a.initialMarginUsd[k], 0, `${at} IM`);
      close(m.maintenanceMarginUsd, a.maintenanceMarginUsd[k], 0, `${at} MM`);
      close(m.freeMarginUsd, a.freeMarginUsd[k], gross + m.initialMarginUsd.toNumber(), `${at} free margin`);
      if (m.marginRatio && m.equityUsd.toNumber() > 1e-6 * gross) close(m.marginRatio, a.marginRatio[k], 0, `${at} margin ratio`);
      if (Math.abs(m.equityUsd.toNumber() - m.maintenanceMarginUsd.toNumber()) > 1e-6 * gross) {
        expect(a.liquidatable[k] === 1, `${at} liquidatable`).toBe(m.liquidatable);
      }
      expect(m.explain.kind).toBe(model.kind);
      if (m.liquidatable) liquidatable++;
      if (m.maintenanceMarginUsd.gt(0)) withMargin++;
    });
    // The sample book is not degenerate under any model: most accounts need margin.
    expect(withMargin).toBeGreaterThan(1500);
    console.log(`${model.name}: ${withMargin} accounts with MM > 0, ${liquidatable} liquidatable of ${book.accounts.length}`);
  });

  it('an account range is the same as the slice of the whole-book result', () => {
    for (const [, wire] of WIRES.slice(0, 4)) {
      const model = marginModelFromWire(wire);
      const whole = bookMargin(compiled, model, { history });
      const part = bookMargin(compiled, model, { history }, { from: 700, to: 1300 });
      expect(part.accountIds).toEqual(compiled.accounts.ids.slice(700, 1300));
      expect(Array.from(part.accounts.maintenanceMarginUsd)).toEqual(Array.from(whole.accounts.maintenanceMarginUsd.subarray(700, 1300)));
      expect(Array.from(part.accounts.initialMarginUsd)).toEqual(Array.from(whole.accounts.initialMarginUsd.subarray(700, 1300)));
    }
    expect(() => bookMargin(compiled, marginModelFromWire(SPAN_PRESET), {}, { from: 10, to: 5 })).toThrow(/account range/);
  });

  it('VaR models without a history say so', () => {
    expect(() => bookMargin(compiled, marginModelFromWire(HS_PRESET))).toThrow(/context.history/);
    expect(() => accountMargin(book.accounts[0], lookup, market, marginModelFromWire(PARAMETRIC_PRESET))).toThrow(/context.history/);
  });
});

describe('whole-book timing, 10,000 accounts, single thread (issue targets: grid ≥ 30 scenarios < 1 s, HS 1 y / 2 d < 2 s)', () => {
  it('stays well inside the targets', () => {
    const input = scaledSampleBook(10_000);
    const grid = benchScenarioGrid(input, 3);
    const hs = benchHistoricalVar(input, 3);
    console.log(`scenario grid: ${grid.accounts} accounts × ${grid.scenarios} scenarios, median ${grid.medianMs.toFixed(1)} ms; HS VaR: ${hs.scenarios} scenarios, median ${hs.medianMs.toFixed(1)} ms`);
    expect(grid.scenarios).toBeGreaterThanOrEqual(30);
    // Generous bounds for a loaded CI machine; the measured figures are printed above.
    expect(grid.medianMs).toBeLessThan(1000);
    expect(hs.medianMs).toBeLessThan(2000);
  });
});
