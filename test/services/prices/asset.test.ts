import { describe, expect, it } from 'vitest';
import { InputError } from '../../../main/core/errors';
import { assetFromFileName, assetFromPairSymbol, resolveAsset } from '../../../main/services/prices';

describe('assetFromPairSymbol', () => {
  it.each([
    ['BTCUSDT', 'BTC'], ['ETHUSD', 'ETH'], ['SOLBUSD', 'SOL'], ['ADAUSDC', 'ADA'], ['BTC/USDT', 'BTC'], ['btc-usd', 'BTC'],
    ['DOGE_USDT', 'DOGE'], ['1000PEPEUSDT', '1000PEPE'], ['BUSDUSDT', 'BUSD'],
  ])('%s → %s', (symbol, asset) => {
    expect(assetFromPairSymbol(symbol)).toBe(asset);
  });

  it.each(['ETHBTC', 'USDT', 'BTC/EUR', 'BTC', '', 'BTC USDT'])('%j is not a USD-quoted pair', (symbol) => {
    expect(assetFromPairSymbol(symbol)).toBeUndefined();
  });
});

describe('assetFromFileName', () => {
  it.each([
    ['BTC-USD.csv', 'BTC'], ['BTCUSDT-1d.csv', 'BTC'], ['Binance_BTCUSDT_d.csv', 'BTC'], ['BTCUSDT-1d-2025-01.csv', 'BTC'],
    ['USDT-USD.csv', 'USDT'], ['/home/desk/data/eth-usd.csv', 'ETH'], ['C:\\data\\SOLUSDT_1d.csv', 'SOL'], ['AVAXUSDT_1d.csv', 'AVAX'],
  ])('%s → %s', (name, asset) => {
    expect(assetFromFileName(name)).toBe(asset);
  });

  it.each(['prices.csv', 'BTC.csv', 'BTC-EUR.csv', 'export (3).csv', '2024-01-01.csv'])('%s names no asset', (name) => {
    expect(assetFromFileName(name)).toBeUndefined();
  });
});

describe('resolveAsset', () => {
  it('prefers the explicit option, then the Symbol column, then the file name', () => {
    expect(resolveAsset('eth', 'BTC', 'SOL-USD.csv')).toBe('ETH');
    expect(resolveAsset(undefined, 'BTC', 'SOL-USD.csv')).toBe('BTC');
    expect(resolveAsset(undefined, undefined, 'SOL-USD.csv')).toBe('SOL');
  });

  it('throws InputError naming the file when nothing tells the asset', () => {
    expect(() => resolveAsset(undefined, undefined, 'prices.csv')).toThrow(InputError);
    expect(() => resolveAsset(undefined, undefined, 'prices.csv')).toThrow(/^prices\.csv: cannot tell/);
    expect(() => resolveAsset('', undefined, 'BTC-USD.csv')).toThrow('asset "" is not a symbol');
  });
});
