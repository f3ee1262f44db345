/**
 * Valid documents for the book / model / scenario fuzz: generated books (JSON and the book CSV
 * format), the bundled model presets of every kind, and the documented example scenario with each
 * shock type. The fuzz mutates them with mutatedJsonArb.
 */
import fc from 'fast-check';
import { BOOK_CSV_COLUMNS } from '../../../main/services/books/bookCsv';
import { PRESETS } from '../../../main/services/models';

const decimal = (min: number, max: number): fc.Arbitrary<string> => fc.double({ min, max, noNaN: true }).map((x) => x.toFixed(4));

const instrumentArb = fc.record({
  kind: fc.constantFrom('perpetual', 'future', 'option'),
  underlying: fc.constantFrom('BTC', 'ETH'),
  settlement: fc.constantFrom('linear', 'inverse'),
  strike: decimal(100, 100_000),
  optionType: fc.constantFrom('call', 'put'),
  expiry: fc.constantFrom('2026-03-27', '2026-06-26', '2027-01-01'),
}).map((i) => ({
  kind: i.kind, underlying: i.underlying, settlement: i.settlement,
  ...(i.settlement === 'inverse' && i.kind !== 'option' ? { contractSizeUsd: '100' } : {}),
  ...(i.kind !== 'perpetual' ? { expiry: i.expiry } : {}),
  ...(i.kind === 'option' ? { strike: i.strike, optionType: i.optionType } : {}),
}));

const positionArb = fc.record({ k: fc.nat(), quantity: decimal(-50, 50).filter((q) => Number(q) !== 0), entryPrice: decimal(1, 100_000), leverage: decimal(1, 100) });

/** A valid BookFile: 1–4 instruments, 1–3 accounts of 0–3 positions each. */
export const bookArb = fc.record({
  name: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
  instruments: fc.array(instrumentArb, { minLength: 1, maxLength: 4 }),
  accounts: fc.array(fc.record({
    isolated: fc.boolean(),
    positions: fc.array(positionArb, { maxLength: 3 }),
    balance: decimal(-1000, 1_000_000),
  }), { minLength: 1, maxLength: 3 }),
}).map((b) => {
  const instruments = b.instruments.map((i, k) => ({ id: `I${k}`, ...i }));
  return {
    name: b.name,
    instruments,
    accounts: b.accounts.map((a, k) => ({
      id: `acc-${k}`,
      marginMode: a.isolated ? 'isolated' : 'cross',
      collateral: [{ asset: 'USDT', balance: a.balance }],
      positions: a.positions.map((p) => ({
        instrumentId: instruments[p.k % instruments.length]!.id, quantity: p.quantity, entryPrice: p.entryPrice, ...(a.isolated ? { leverage: p.leverage } : {}),
      })),
    })),
  };
});


/** The same book in the book CSV format (docs/formats.md). */
export function bookCsv(book: { instruments: Record<string, string>[]; accounts: { id: string; marginMode: string; collateral: { asset: string; balance: string }[]; positions: Record<string, string>[] }[] }): string {
  const rows: string[][] = [];
  const byId = new Map(book.instruments.map((i) => [i.id, i]));
  for (const a of book.accounts) {
    for (const p of a.positions) {
      const i = byId.get(p.instrumentId)!;
      rows.push(['position', a.id, a.marginMode, i.id, i.kind, i.underlying, i.settlement, i.contractSizeUsd ?? '', i.expiry ?? '', i.strike ?? '', i.optionType ?? '',
        p.quantity, p.entryPrice, p.isolatedMargin ?? '', p.leverage ?? '', '', '']);
    }
    for (const c of a.collateral) rows.push(['collateral', a.id, a.marginMode, '', '', '', '', '', '', '', '', '', '', '', '', c.asset, c.balance]);
  }
  return [BOOK_CSV_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n');
}

/** Cell-level mutation of a CSV text: row r, column c gets `value` (or the row is cut / doubled). */
export const csvCellMutationArb = fc.record({
  row: fc.nat(), col: fc.nat(),
  action: fc.constantFrom('set', 'cut', 'double', 'dropColumn', 'quote'),
  value: fc.constantFrom('', 'NaN', 'Infinity', '-1', '0', '1e309', 'abc', '"', 'x'.repeat(300), 'position', 'collateral', 'cross', 'isolated', 'option', 'inverse', '2024-02-30', 'USDT', 'I0', 'acc-0'),
});

export function mutateCsvCells(text: string, ms: { row: number; col: number; action: string; value: string }[]): string {
  const lines = text.split('\n').map((l) => l.split(','));
  for (const m of ms) {
    const r = m.row % lines.length;
    const line = lines[r]!;
    const c = m.col % line.length;
    if (m.action === 'set') line[c] = m.value;
    else if (m.action === 'cut') lines[r] = line.slice(0, c);
    else if (m.action === 'double') lines.splice(r, 0, [...line]);
    else if (m.action === 'dropColumn') line.splice(c, 1);
    else line[c] = `"${line[c]}`;
  }
  return lines.map((l) => l.join(',')).join('\n');
}

/** The bundled presets: one valid configuration of every model kind. */
export const MODEL_CONFIGS: readonly unknown[] = PRESETS.map((p) => p.config);

/** The documented example scenario (docs/formats.md) and one per shock type. */
export const SCENARIO = {
  schemaVersion: 1,
  name: 'Crypto winter with USDC stress',
  source: 'risk committee 2026-01',
  shocks: [
    { type: 'price', shift: 'relative', assets: 'all', except: ['USDT', 'USDC'], shockPct: -35 },
    { type: 'price', shift: 'level', asset: 'ETH', newPriceUsd: '1800' },
    { type: 'price', shift: 'absolute', asset: 'BTC', changeUsd: '-5000' },
    { type: 'vol', assets: 'all', volPoints: 25, termScalingPower: 0.5 },
    { type: 'basis', instrument: 'future', assets: ['BTC', 'ETH'], basisShockBp: -150 },
    { type: 'funding', assets: ['BTC'], ratePerPeriod: '-0.00075', periods: 21 },
    { type: 'markDeviation', assets: ['BTC'], deviationPct: 2 },
    { type: 'depeg', asset: 'USDC', priceUsd: '0.88' },
    { type: 'haircut', asset: 'USDC', haircutAddOn: '0.05' },
    { type: 'liquidity', assets: 'all', depthMultiplier: 0.3 },
    {
      type: 'correlation',
      base: { estimator: 'ewma', lambda: 0.97, window: { from: '2022-05-01', to: '2022-06-30' } },
      operations: [
        { op: 'blend', toward: 'ones', weight: 0.5, assets: ['BTC', 'ETH', 'SOL'] },
        { op: 'override', pairs: [{ assets: ['ETH', 'SOL'], correlation: 0.95 }], weight: 0.8 },
        { op: 'flipSign', pairs: [['BTC', 'ETH']] },
        { op: 'blendTarget', target: { assets: ['BTC', 'ETH'], matrix: [[1, 0.9], [0.9, 1]] }, weight: 0.3 },
      ],
    },
  ],
};
