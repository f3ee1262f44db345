import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { PRESETS } from '../../main/services/models';
import { fileDigest } from '../helpers/tmp';
import { openTestWorkbench } from '../helpers/workbench';

const wb = openTestWorkbench({ frozen: true });
afterAll(() => wb.close());

const BOOK_JSON = {
  name: 'Desk A',
  instruments: [
    { id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' },
    { id: 'BTC-USD-INV', kind: 'perpetual', underlying: 'BTC', settlement: 'inverse', contractSizeUsd: '100' },
    { id: 'BTC-20261225-70000-C', kind: 'option', underlying: 'BTC', settlement: 'linear', expiry: '2026-12-25', strike: '70000', optionType: 'call' },
  ],
  accounts: [
    { id: 'alice', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: '25000' }, { asset: 'BTC', balance: '0.5' }],
      positions: [{ instrumentId: 'BTC-PERP', quantity: '1.5', entryPrice: '61000' }, { instrumentId: 'BTC-20261225-70000-C', quantity: '-2', entryPrice: '2500' }] },
    { id: 'bob', marginMode: 'isolated', collateral: [{ asset: 'BTC', balance: '1' }],
      positions: [{ instrumentId: 'BTC-USD-INV', quantity: '-500', entryPrice: '60000', leverage: '20' }] },
  ],
};

const BOOK_CSV = [
  'record,account,margin_mode,instrument,kind,underlying,settlement,contract_size_usd,expiry,strike,option_type,quantity,entry_price,isolated_margin,leverage,asset,balance',
  'position,alice,cross,BTC-PERP,perpetual,BTC,linear,,,,,1.5,61000,,,,',
  'position,alice,cross,BTC-20261225-70000-C,option,BTC,linear,,2026-12-25,70000,call,-2,2500,,,,',
  'collateral,alice,cross,,,,,,,,,,,,,USDT,25000',
  'collateral,alice,cross,,,,,,,,,,,,,BTC,0.5',
  'position,bob,isolated,BTC-USD-INV,perpetual,BTC,inverse,100,,,,-500,60000,,20,,',
  'collateral,bob,isolated,,,,,,,,,,,,,BTC,1',
].join('\n');

describe('books', () => {
  it('imports a JSON book and the same book as CSV to the same content (idempotent)', async () => {
    const a = await dispatch(wb.handlers, 'book:import', { fileName: 'desk-a.json', text: JSON.stringify(BOOK_JSON) });
    expect(a).toMatchObject({ ok: true, data: { accounts: 2, positions: 3, instruments: 3, synthetic: false } });
    const again = await dispatch(wb.handlers, 'book:import', { fileName: 'desk-a.json', text: JSON.stringify(BOOK_JSON) });
    expect(again.ok && again.data).toEqual(a.ok && a.data);
    const csv = await dispatch(wb.handlers, 'book:import', { fileName: 'desk-a.csv', text: BOOK_CSV });
    expect(csv).toMatchObject({ ok: true, data: { accounts: 2, positions: 3, instruments: 3 } });
    const book = wb.services.books.load(csv.ok ? csv.data.id : '');
    expect(book.accounts[1]!.positions[0]!.quantity.toString()).toBe('-500');
    expect(book.instruments.find((i) => i.id === 'BTC-USD-INV')!.contractSizeUsd!.toString()).toBe('100');
  });

  it('rejects bad books naming the field or line, and stores nothing', async () => {
    const before = fileDigest(wb.dbPath);
    const cases: [string, string, RegExp][] = [
      ['bad.json', '{"name": "x", "instruments": [', /not valid JSON/],
      ['neg.json', JSON.stringify({ ...BOOK_JSON, accounts: [{ ...BOOK_JSON.accounts[0], positions: [{ instrumentId: 'NOPE', quantity: '1', entryPrice: '1' }] }] }), /accounts\.0\.positions\.0\.instrumentId: unknown instrument "NOPE"/],
      ['price.json', JSON.stringify({ ...BOOK_JSON, accounts: [{ ...BOOK_JSON.accounts[0], positions: [{ instrumentId: 'BTC-PERP', quantity: '1', entryPrice: '-5' }] }] }), /entryPrice/],
      ['extra.json', JSON.stringify({ ...BOOK_JSON, colour: 'red' }), /colour/],
      ['inverse.json', JSON.stringify({ ...BOOK_JSON, instruments: [{ id: 'X', kind: 'perpetual', underlying: 'BTC', settlement: 'inverse' }], accounts: [{ id: 'a', marginMode: 'cross', collateral: [], positions: [] }] }), /contractSizeUsd: is required/],
      ['record.csv', BOOK_CSV.replace('collateral,bob', 'colateral,bob'), /line 7: record "colateral"/],
      ['mode.csv', BOOK_CSV.replace('position,bob,isolated,BTC-USD-INV', 'position,bob,cross,BTC-USD-INV'), /line 7: margin_mode "isolated" differs/],
      ['cols.csv', BOOK_CSV.replace('record,account', 'kind_of_record,account'), /line 1: missing column/],
      ['qty.csv', BOOK_CSV.replace(',1.5,61000,', ',abc,61000,'), /accounts\.0\.positions\.0\.quantity/],
    ];
    for (const [fileName, text, message] of cases) {
      const r = await dispatch(wb.handlers, 'book:import', { fileName, text });
      expect(r.ok, fileName).toBe(false);
      expect(!r.ok && r.error.code).toBe('BAD_INPUT');
      expect(!r.ok && r.error.message, fileName).toMatch(message);
    }
    expect(fileDigest(wb.dbPath)).toBe(before);
  });
});

describe('models', () => {
  it('lists the validated presets, including every model kind', async () => {
    const r = await dispatch(wb.handlers, 'model:list', {});
    expect(r.ok).toBe(true);
    const kinds = new Set(PRESETS.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['historicalVar', 'parametricVar', 'scenarioGrid', 'tiered']);
    expect(r.ok && r.data.models.filter((m) => m.preset).length).toBe(PRESETS.length);
  });

  it('saves a copy of a preset, refuses to overwrite presets, and validates configs', async () => {
    const preset = PRESETS.find((p) => p.kind === 'historicalVar')!;
    const saved = await dispatch(wb.handlers, 'model:save', { config: { ...preset.config, name: 'HS 97.5%', confidence: '0.975' } });
    expect(saved).toMatchObject({ ok: true, data: { name: 'HS 97.5%', preset: false, config: { confidence: '0.975' } } });
    expect(await dispatch(wb.handlers, 'model:save', { id: preset.id, config: preset.config })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const bad = await dispatch(wb.handlers, 'model:save', { config: { ...preset.config, confidence: '1.5' } });
    expect(!bad.ok && bad.error.message).toContain('config.confidence');
    const id = saved.ok ? saved.data.id : '';
    expect(await dispatch(wb.handlers, 'model:delete', { id })).toEqual({ ok: true, data: { deleted: true } });
    expect(await dispatch(wb.handlers, 'model:get', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
