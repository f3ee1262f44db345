import { describe, expect, it } from 'vitest';
import { jsonOf, runMwb } from '../helpers/mwb';

const liq = (...args: string[]) => jsonOf<Record<string, string | null>>(runMwb(['liq', ...args, '--json']));

describe('mwb liq', () => {
  it('Bybit USDT-contract example: 1 BTC long at 20,000, 50×, MMR 0.5% → 19,700 under the entry convention', () => {
    // Bybit help centre, "Liquidation price (USDT contract)": IM = 20,000/50 = 400, MM = 20,000 × 0.5% = 100,
    // LP = 20,000 − (400 − 100)/1 = 19,700; bankruptcy = 20,000 − 400 = 19,600.
    expect(liq('--side', 'long', '--qty', '1', '--entry', '20000', '--leverage', '50', '--mmr', '0.005', '--convention', 'entry')).toEqual({
      liquidationPrice: '19700', bankruptcyPrice: '19600', initialMargin: '400', maintenanceMargin: '100', walletBalance: '400', settlementUnit: 'USD',
    });
    expect(liq('--side', 'short', '--qty', '1', '--entry', '20000', '--leverage', '50', '--mmr', '0.005', '--convention', 'entry')).toMatchObject({
      liquidationPrice: '20300', bankruptcyPrice: '20400',
    });
  });

  it('Binance maintenance-amount example: long 10 @ 60,000 with 30,000 wallet, bracket MMR 0.5% / cum 50', () => {
    // Binance USDⓈ-M FAQ formula LP = (WB + cum − side·q·EP)/(q·MMR − side·q) with the BTCUSDT bracket 2
    // (50k–600k notional, MMR 0.50%, maintenance amount 50): (30,000 + 50 − 600,000)/(0.05 − 10)
    // = 57,281.407035175879396984924623115577889447… (Python decimal, 40 digits).
    const r = liq('--side', 'long', '--qty', '10', '--entry', '60000', '--leverage', '20', '--mmr', '0.005', '--maint-amount', '50', '--wallet', '30000');
    expect(r.liquidationPrice!.slice(0, 30)).toBe('57281.40703517587939698492462311557788945'.slice(0, 30));
    expect(r.maintenanceMargin).toBe('2950');
    expect(r.bankruptcyPrice).toBe('57000');
  });

  it('inverse: Bybit inverse example, 60,000 USD at 50,000, 10×, MMR 0.5% (entry convention)', () => {
    // Bybit help centre (isolated, inverse): IM 0.12 BTC, MM 0.006 BTC; long LP = 60,000/(1.2 + 0.114)
    // = 45,662.100456621…, bankruptcy 60,000/1.32 = 45,454.5454…
    const r = liq('--side', 'long', '--qty', '60000', '--entry', '50000', '--leverage', '10', '--mmr', '0.005', '--contract', 'inverse', '--convention', 'entry');
    expect(Number(r.liquidationPrice)).toBeCloseTo(45662.10045662100, 8);
    expect(Number(r.bankruptcyPrice)).toBeCloseTo(45454.54545454545, 8);
    expect(r).toMatchObject({ initialMargin: '0.12', maintenanceMargin: '0.006', settlementUnit: 'coin' });
  });

  it('rejects impossible inputs with exit 2 naming them', () => {
    for (const [args, fragment] of [
      [['--side', 'long', '--qty', '1', '--entry', '20000', '--leverage', '50', '--mmr', '0.05'], 'maintenance margin rate'],
      [['--side', 'up', '--qty', '1', '--entry', '1', '--leverage', '2', '--mmr', '0.01'], '--side'],
      [['--side', 'long', '--qty=-1', '--entry', '1', '--leverage', '2', '--mmr', '0.01'], 'quantity'],
      [['--side', 'long', '--qty', 'x', '--entry', '1', '--leverage', '2', '--mmr', '0.01'], '--qty'],
      [['--side', 'long', '--qty', '1', '--entry', '1', '--leverage', '2'], '--mmr'],
    ] as const) {
      const r = runMwb(['liq', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(fragment);
    }
  });
});
