import { describe, expect, it } from 'vitest';
import { derivedMaintenanceAmounts, draftFrom, getAt, setAt, validateDraft } from '../../renderer/src/components/models/modelDraft';
import type { MarginModelConfig } from '../../preload/contract/schemas/models';
import binance from '../../resources/presets/tiered-binance-btcusdt-mark.json';
import span from '../../resources/presets/scenario-span-16.json';
import hsvar from '../../resources/presets/hsvar-99-2d-1y.json';

const BINANCE = binance as MarginModelConfig & { kind: 'tiered' };

describe('derived maintenance amounts (cum)', () => {
  it('reproduces the published Binance USDⓈ-M BTCUSDT maintenance amounts exactly', () => {
    // Binance /fapi/v1/leverageBracket BTCUSDT "cum" column (as quoted in the preset's source):
    const published = ['0', '50', '950', '11450', '131450', '481450', '2981450', '14481450', '26481450', '41481450', '121481450', '421481450'];
    expect(derivedMaintenanceAmounts(BINANCE.tables[0].brackets)).toEqual(published);
  });

  it('reproduces the Binance COIN-M FAQ amount 11.605 BTC at the 300 BTC bracket (MMR 12.5 %)', () => {
    // Binance FAQ "How to Calculate Liquidation Price of COIN-M Futures Contracts": maintenance amount 11.605 BTC.
    const coin = derivedMaintenanceAmounts(BINANCE.tables[1].brackets);
    expect(coin[6]).toBe('11.605');
    // By hand: 5·0.001 + 10·0.005 + 20·0.015 + 50·0.025 + 100·0.05 + 200·0.025 = 11.605.
    expect(coin.slice(0, 7)).toEqual(['0', '0.005', '0.055', '0.355', '1.605', '6.605', '11.605']);
  });

  it('is unknown (null) from the first bracket whose cap or rate is not a decimal', () => {
    const out = derivedMaintenanceAmounts([
      { notionalCap: '100', maintenanceMarginRate: '0.01' },
      { notionalCap: 'abc', maintenanceMarginRate: '0.02' },
      { notionalCap: '300', maintenanceMarginRate: '0.03' },
    ]);
    // Bracket 2's amount uses bracket 1's cap (valid): 100 × 0.01 = 1; bracket 3 needs cap 2 ("abc").
    expect(out).toEqual(['0', '1', null]);
  });
});

describe('draft editing and validation', () => {
  it('every shipped preset is valid as a draft', () => {
    for (const preset of [binance, span, hsvar]) expect(validateDraft(draftFrom(preset as MarginModelConfig)).ok).toBe(true);
  });

  it('setAt removes an optional key when given undefined and creates objects on the way', () => {
    const d = draftFrom(span as MarginModelConfig);
    setAt(d, ['volScalingPower'], '0.3');
    expect(getAt(d, ['volScalingPower'])).toBe('0.3');
    setAt(d, ['volScalingPower'], undefined);
    expect('volScalingPower' in d).toBe(false);
    setAt(d, ['collateral', 'haircuts', 'BTC'], '0.1');
    expect(d.collateral).toEqual({ haircuts: { BTC: '0.1' } });
  });

  it('reports the schema messages by field path', () => {
    const d = draftFrom(BINANCE);
    setAt(d, ['tables', 0, 'brackets', 1, 'maintenanceMarginRate'], '1.5');
    setAt(d, ['tables', 0, 'brackets', 2, 'notionalCap'], '100');
    setAt(d, ['collateral', 'haircuts', 'btc'], '0.1');
    const v = validateDraft(d);
    expect(v.ok).toBe(false);
    expect(v.issues['tables.0.brackets.1.maintenanceMarginRate']).toContain('must be a decimal string in (0, 1)');
    expect(v.issues['tables.0.brackets.2.notionalCap']).toEqual(['caps must increase from bracket to bracket']);
    // A record's bad key shows the key rule's own message, not zod's generic "Invalid key in record".
    expect(v.issues['collateral.haircuts.btc']).toEqual(['must be an upper-case asset symbol such as BTC']);
  });

  it('flags a published maintenance amount that disagrees with the rates', () => {
    const d = draftFrom(BINANCE);
    setAt(d, ['tables', 0, 'brackets', 2, 'maintenanceAmount'], '951');
    const v = validateDraft(d);
    expect(v.ok).toBe(false);
    expect(v.issues['tables.0.brackets.2.maintenanceAmount']).toEqual(['disagrees with the amount derived from the rates, 950']);
  });

  it('draftFrom copies deeply (the stored config is never edited) and renames', () => {
    const d = draftFrom(BINANCE, 'Mine');
    setAt(d, ['tables', 0, 'brackets', 0, 'maxLeverage'], '20');
    expect(BINANCE.tables[0].brackets[0].maxLeverage).toBe('125');
    expect(d.name).toBe('Mine');
  });
});
