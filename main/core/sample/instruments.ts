/**
 * The instrument listing of the SYNTHETIC book at the valuation date: linear (USDT-margined) and inverse
 * (coin-margined) perpetuals, quarterly futures, and option chains (weeklies, monthlies, quarterlies;
 * strikes on a grid around the money). Each listed instrument carries its fair level, which the
 * generated positions are entered around.
 */
import type { InstrumentSpec, OptionType, Settlement } from '../book/types';
import { Dec } from '../money/decimal';
import { black76Value } from '../instruments/black76';
import { dayNumber, nextFridays, nextLastFridays } from './calendar';
import { smileVol } from './pricing';
import type { BookSpec, UnderlyingSpec } from './spec';

export interface ValuationContext {
  /** Valuation date = the last date of the sample market. */
  date: string;
  /** Close at the valuation date, USD per unit, for every market asset (stablecoins included). */
  spotUsd: Record<string, number>;
  /** Annualised at-the-money implied vol per underlying (fraction). */
  atmVol: Record<string, number>;
}

export type ProductKind = InstrumentSpec['kind'];

export interface ListedInstrument {
  spec: InstrumentSpec;
  underlying: UnderlyingSpec;
  /** Perpetual: spot. Future: forward. Option: Black-76 premium in USD per coin. */
  fairUsd: number;
  /** Forward of the underlying to the expiry (spot for perpetuals). */
  forwardUsd: number;
  /** Calendar days from the valuation date to expiry (0 for perpetuals). */
  expiryDays: number;
  /** Option strike as a number, and the smile vol used for its premium. */
  strikeUsd: number;
  vol: number;
  /** Option strike's distance from spot, in percent of spot (0 for other kinds). */
  moneynessPct: number;
  /**
   * Relative trading interest within its product: front expiries more than back (1/(1 + rank)), options
   * near the money most (e^{−|moneyness|/10 %}).
   */
  popularity: number;
}

/** Listing keyed by `${underlying}:${kind}:${settlement}`, in listing order within each key. */
export type SampleListing = Record<string, ListedInstrument[]>;

export function listingKey(underlying: string, kind: ProductKind, settlement: Settlement): string {
  return `${underlying}:${kind}:${settlement}`;
}

const compact = (date: string) => date.replaceAll('-', '');

function instrumentId(u: string, kind: ProductKind, settlement: Settlement, expiry?: string, strike?: string, type?: OptionType): string {
  const inv = settlement === 'inverse';
  const head = inv ? `${u}-USD` : u;
  const tail = inv ? '-INV' : '';
  if (kind === 'perpetual') return `${head}-PERP${tail}`;
  if (kind === 'future') return `${head}-${compact(expiry!)}${tail}`;
  return `${head}-${compact(expiry!)}-${strike}-${type === 'call' ? 'C' : 'P'}${tail}`;
}

/** Futures expire on the next quarterly last Fridays; options on weeklies, monthlies and quarterlies. */
export function sampleExpiries(book: BookSpec, date: string): { futures: string[]; options: string[] } {
  const options = [...new Set([
    ...nextFridays(date, book.optionWeeklies),
    ...nextLastFridays(date, book.optionMonthlies, false),
    ...nextLastFridays(date, book.optionQuarterlies, true),
  ])].sort();
  return { futures: nextLastFridays(date, book.futureQuarterlies, true), options };
}

/** Strikes on the underlying's grid nearest to spot·(1 + m/100), distinct and positive. */
function strikeGrid(u: UnderlyingSpec, spot: number, moneynessPct: number[]): { strike: Dec; moneynessPct: number }[] {
  const step = new Dec(u.strikeStep);
  const seen = new Set<string>();
  const out: { strike: Dec; moneynessPct: number }[] = [];
  for (const m of moneynessPct) {
    const k = Math.round((spot * (1 + m / 100)) / u.strikeStep);
    if (k < 1) continue;
    const strike = step.mul(k);
    const key = strike.toString();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ strike, moneynessPct: m });
  }
  return out;
}

export function listSampleInstruments(book: BookSpec, ctx: ValuationContext): SampleListing {
  const listing: SampleListing = {};
  const expiries = sampleExpiries(book, ctx.date);
  const daysTo = (expiry: string) => dayNumber(expiry) - dayNumber(ctx.date);
  const add = (item: ListedInstrument) => {
    const key = listingKey(item.spec.underlying, item.spec.kind, item.spec.settlement);
    (listing[key] ??= []).push(item);
  };
  for (const u of book.underlyings) {
    const spot = ctx.spotUsd[u.symbol];
    const basis = u.basisAnnualPct / 100;
    // Inverse perpetuals and futures trade in USD-face contracts; options (either settlement) in coin.
    const contract = (settlement: Settlement) => (settlement === 'inverse' ? { contractSizeUsd: new Dec(u.inverseContractSizeUsd) } : {});
    for (const settlement of u.perpetuals) {
      const spec: InstrumentSpec = { id: instrumentId(u.symbol, 'perpetual', settlement), kind: 'perpetual', underlying: u.symbol, settlement, ...contract(settlement) };
      add({ spec, underlying: u, fairUsd: spot, forwardUsd: spot, expiryDays: 0, strikeUsd: 0, vol: 0, moneynessPct: 0, popularity: 1 });
    }
    for (const settlement of u.futures) {
      for (const [rank, expiry] of expiries.futures.entries()) {
        const expiryDays = daysTo(expiry);
        const forward = spot * Math.exp((basis * expiryDays) / 365);
        const spec: InstrumentSpec = { id: instrumentId(u.symbol, 'future', settlement, expiry), kind: 'future', underlying: u.symbol, settlement, expiry, ...contract(settlement) };
        add({ spec, underlying: u, fairUsd: forward, forwardUsd: forward, expiryDays, strikeUsd: 0, vol: 0, moneynessPct: 0, popularity: 1 / (1 + rank) });
      }
    }
    for (const settlement of u.options) {
      for (const [rank, expiry] of expiries.options.entries()) {
        const expiryDays = daysTo(expiry);
        const forward = spot * Math.exp((basis * expiryDays) / 365);
        for (const { strike, moneynessPct } of strikeGrid(u, spot, book.strikeMoneynessPct)) {
          const strikeUsd = strike.toNumber();
          const vol = smileVol(ctx.atmVol[u.symbol], forward, strikeUsd, book.smileSkew, book.smileCurvature);
          for (const optionType of ['call', 'put'] as const) {
            const spec: InstrumentSpec = {
              id: instrumentId(u.symbol, 'option', settlement, expiry, strike.toString(), optionType),
              kind: 'option', underlying: u.symbol, settlement, expiry, strike, optionType,
            };
            const fairUsd = black76Value({ optionType, forward, strike: strikeUsd, expiryDays, vol, rate: book.rate });
            const popularity = Math.exp(-Math.abs(moneynessPct) / 10) / (1 + rank);
            add({ spec, underlying: u, fairUsd, forwardUsd: forward, expiryDays, strikeUsd, vol, moneynessPct, popularity });
          }
        }
      }
    }
  }
  return listing;
}
