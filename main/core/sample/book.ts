/**
 * The SYNTHETIC sample book, valued at the last date of the sample market: whales, market makers and
 * retail accounts over the listing of instruments.ts. Deterministic in (spec, market, seed).
 */
import type { Account, Book, InstrumentSpec } from '../book/types';
import { InputError } from '../errors';
import { createRng } from '../numeric/rng';
import { deriveSeed, requireSeed } from './calendar';
import { marketMakerAccount, retailAccount, whaleAccount } from './accounts';
import { listSampleInstruments, type SampleListing } from './instruments';
import type { SampleMarket } from './market';
import type { BookContext } from './positions';
import { ewmaVolAnnual } from './pricing';
import type { SampleWorkspaceSpec } from './spec';

/** Salt of the book's stream within a workspace seed (the market uses another). */
export const BOOK_SEED_SALT = 2;
/** Trading days of history behind the ATM vol the option premia are priced with. */
const VOL_WINDOW_DAYS = 90;

/** Spot and ATM vol at the market's last date: the valuation context of the book. */
export function sampleValuationContext(spec: SampleWorkspaceSpec, market: SampleMarket): BookContext {
  const spotUsd: Record<string, number> = {};
  const atmVol: Record<string, number> = {};
  let date = '';
  for (const asset of market.assets) {
    const bars = market.series[asset];
    if (!bars || bars.length === 0) throw new InputError(`market.series.${asset}: no bars`);
    const last = bars[bars.length - 1];
    if (date && last.date !== date) throw new InputError(`market.series.${asset}: ends ${last.date}, other assets end ${date}`);
    date = last.date;
    spotUsd[asset] = Number(last.close);
    if (!(spotUsd[asset] > 0)) throw new InputError(`market.series.${asset}: last close "${last.close}" is not a positive price`);
  }
  const book = spec.book;
  for (const u of book.underlyings) {
    const bars = market.series[u.symbol];
    if (!bars) throw new InputError(`spec.book.underlyings: ${u.symbol} has no series in the market`);
    const closes = Float64Array.from(bars.slice(-(VOL_WINDOW_DAYS + 1)), (b) => Number(b.close));
    const realised = ewmaVolAnnual(closes, VOL_WINDOW_DAYS);
    atmVol[u.symbol] = Math.min(book.volCap, Math.max(book.volFloor, realised * book.impliedOverRealised));
  }
  for (const asset of [book.linearSettlementAsset, ...spec.market.stablecoins.map((s) => s.symbol)]) {
    if (!(asset in spotUsd)) throw new InputError(`market: stablecoin ${asset} has no series`);
  }
  return {
    date,
    spotUsd,
    atmVol,
    linearSettlementAsset: book.linearSettlementAsset,
    stablecoins: spec.market.stablecoins.map((s) => s.symbol),
    entryDispersion: book.entryDispersionPct / 100,
    optionEntryDispersion: book.optionEntryDispersionPct / 100,
  };
}

/** Instruments some position refers to, in listing order. */
function instrumentsHeld(listing: SampleListing, accounts: Account[]): InstrumentSpec[] {
  const used = new Set<string>();
  for (const a of accounts) for (const p of a.positions) used.add(p.instrumentId);
  return Object.values(listing).flat().map((i) => i.spec).filter((s) => used.has(s.id));
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function generateSampleBook(spec: SampleWorkspaceSpec, market: SampleMarket, seed: number): Book {
  requireSeed(seed);
  const ctx = sampleValuationContext(spec, market);
  const listing = listSampleInstruments(spec.book, ctx);
  const rng = createRng(deriveSeed(seed, BOOK_SEED_SALT));
  const { whales, marketMakers, retail } = spec.book;
  const accounts: Account[] = [];
  // Each population draws from its own forked stream so that changing one count leaves the others alone.
  const whaleRng = rng.fork();
  const mmRng = rng.fork();
  const retailRng = rng.fork();
  for (let i = 1; i <= whales.count; i++) accounts.push(whaleAccount(`whale-${pad(i, 3)}`, spec.book, listing, ctx, whaleRng));
  for (let i = 1; i <= marketMakers.count; i++) accounts.push(marketMakerAccount(`mm-${pad(i, 3)}`, spec.book, listing, ctx, mmRng));
  for (let i = 1; i <= retail.count; i++) accounts.push(retailAccount(`retail-${pad(i, 5)}`, spec.book, listing, ctx, retailRng));
  return {
    id: `sample-book-${seed}`,
    name: spec.book.name,
    synthetic: true,
    instruments: instrumentsHeld(listing, accounts),
    accounts,
  };
}
