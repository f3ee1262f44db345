import { InputError } from '../../core/errors';
import { USD_QUOTES } from './layout';

/**
 * Which asset a price file is about. Prices are USD per unit of the asset (book types), so a pair
 * symbol must be quoted in USD or a USD stablecoin (USDT ~ USD, see the reference data notes).
 */

const SYMBOL = /^[A-Z0-9]{1,20}$/;

/** Base asset of a USD-quoted pair: `BTCUSDT`, `BTC/USDT`, `btc-usd`, `BTC_BUSD` → `BTC`. */
export function assetFromPairSymbol(symbol: string): string | undefined {
  const s = symbol.trim().toUpperCase();
  const separated = /^([A-Z0-9]+)[/_-]([A-Z]+)$/.exec(s);
  if (separated) {
    return (USD_QUOTES as readonly string[]).includes(separated[2]) && SYMBOL.test(separated[1]) ? separated[1] : undefined;
  }
  // Longest suffix first: `BTCBUSD` also ends with `USD`.
  for (const q of USD_QUOTES) {
    if (s.length > q.length && s.endsWith(q)) {
      const base = s.slice(0, -q.length);
      return SYMBOL.test(base) ? base : undefined;
    }
  }
  return undefined;
}

/**
 * Asset from a file name such as `BTC-USD.csv`, `BTCUSDT-1d.csv`, `BTCUSDT-1d-2025-01.csv` or
 * `Binance_BTCUSDT_d.csv`: the first name token that is a USD pair (`BTCUSDT`) or is followed by a
 * USD quote token (`BTC` `USD`). Directories and the extension are ignored.
 */
export function assetFromFileName(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[A-Za-z0-9]+$/, '');
  const tokens = stem.split(/[-_. ]+/).filter((t) => t !== '').map((t) => t.toUpperCase());
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (next !== undefined && (USD_QUOTES as readonly string[]).includes(next) && /^[A-Z][A-Z0-9]{0,19}$/.test(tokens[i])) {
      return tokens[i];
    }
    const fromPair = assetFromPairSymbol(tokens[i]);
    if (fromPair !== undefined && /^[A-Z]/.test(fromPair)) return fromPair;
  }
  return undefined;
}

/** The explicit asset option, checked and upper-cased. */
export function normaliseAssetOption(asset: string, fileName: string): string {
  const s = asset.trim().toUpperCase();
  if (!SYMBOL.test(s)) throw new InputError(`${fileName}: asset ${JSON.stringify(asset)} is not a symbol (letters and digits, 1–20)`);
  return s;
}

/** Explicit option, else the file's Symbol column, else the file name; otherwise an InputError. */
export function resolveAsset(explicit: string | undefined, fileSymbolAsset: string | undefined, fileName: string): string {
  if (explicit !== undefined) return normaliseAssetOption(explicit, fileName);
  if (fileSymbolAsset !== undefined) return fileSymbolAsset;
  const fromName = assetFromFileName(fileName);
  if (fromName !== undefined) return fromName;
  throw new InputError(`${fileName}: cannot tell which asset this file is about (no Symbol column, and the file name `
    + 'is not like BTC-USD.csv, BTCUSDT-1d.csv or Binance_BTCUSDT_d.csv); give the asset explicitly');
}
