/**
 * The three populations of the SYNTHETIC book. Retail: log-normal notionals, a skewed leverage
 * distribution (log-normal body, Pareto tail), mostly cross margin. Market makers: many option positions,
 * mostly short customer flow, delta-hedged with perpetuals, multi-asset collateral. Whales: a few very
 * large delta-one positions on the majors.
 */
import type { Account, Settlement } from '../book/types';
import { Dec } from '../money/decimal';
import type { Rng } from '../numeric/rng';
import { listingKey, type ListedInstrument, type SampleListing } from './instruments';
import { black76Greeks } from '../instruments/black76';
import { buildPosition, crossCollateral, isolateMargins, type BookContext, type BuiltPosition } from './positions';
import type { BookSpec, MarketMakerSpec, ProductWeight, RetailSpec, WhaleSpec } from './spec';

/** Index drawn with probability proportional to weights[i]. */
export function pickWeighted(weights: readonly number[], rng: Rng): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let u = rng.uniform() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Poisson draw by inversion (Knuth); means here are small. */
function poisson(mean: number, rng: Rng): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.uniform();
  while (p > limit) {
    k += 1;
    p *= rng.uniform();
  }
  return k;
}

function logUniform(min: number, max: number, rng: Rng): number {
  return min * Math.exp(rng.uniform() * Math.log(max / min));
}

/** Dirichlet(1, …, 1) shares: how an account splits its notional across positions. */
function shares(n: number, rng: Rng): number[] {
  const g = Array.from({ length: n }, () => rng.gamma(1));
  const total = g.reduce((s, x) => s + x, 0);
  return g.map((x) => x / total);
}

/**
 * Retail leverage = gross notional / equity: with probability tailShare a Pareto(tailMin, α) draw
 * (the 20–100× gamblers), otherwise log-normal around the median (most accounts at 2–5×); capped at
 * leverageMax, at least 1.
 */
export function retailLeverage(spec: RetailSpec, rng: Rng): number {
  const tail = rng.uniform() < spec.leverageTailShare;
  const raw = tail
    ? spec.leverageTailMin * Math.pow(1 - rng.uniform(), -1 / spec.leverageTailAlpha)
    : spec.leverageMedian * Math.exp(spec.leverageLogSd * rng.normal());
  return Math.min(spec.leverageMax, Math.max(1, raw));
}

function pickListed(items: ListedInstrument[], rng: Rng): ListedInstrument {
  return items[pickWeighted(items.map((i) => i.popularity), rng)];
}

function pickProduct(products: ProductWeight[], listing: SampleListing, rng: Rng, deltaOneOnly: boolean): ListedInstrument {
  const usable = products.filter((p) => !(deltaOneOnly && p.kind === 'option'));
  const p = usable[pickWeighted(usable.map((x) => x.weight), rng)];
  return pickListed(listing[listingKey(p.underlying, p.kind, p.settlement)], rng);
}

/** Ceil of the leverage as the integer setting an exchange UI would show. */
const leverageSetting = (leverage: number) => new Dec(Math.max(1, Math.ceil(leverage - 1e-9)));

export function retailAccount(id: string, book: BookSpec, listing: SampleListing, ctx: BookContext, rng: Rng): Account {
  const spec = book.retail;
  const isolated = rng.uniform() < spec.isolatedShare;
  const leverage = retailLeverage(spec, rng);
  const notionalUsd = spec.notionalUsdMedian * Math.exp(spec.notionalLogSd * rng.normal());
  const count = Math.min(spec.maxPositions, 1 + poisson(spec.extraPositionsMean, rng));
  const held = new Set<string>();
  const built: BuiltPosition[] = [];
  for (const share of shares(count, rng)) {
    const item = pickProduct(spec.products, listing, rng, isolated);
    if (held.has(item.spec.id)) continue; // one position per instrument (one-way mode)
    held.add(item.spec.id);
    const long = rng.uniform() < (item.spec.kind === 'option' ? spec.optionLongShare : spec.longShare);
    built.push(buildPosition(item, long ? 1 : -1, notionalUsd * share, ctx, rng));
  }
  if (isolated) {
    const leverages = built.map(() => Math.min(spec.leverageMax, Math.max(1, Math.round(leverage * Math.exp(0.2 * rng.normal())))));
    const { positions, collateral } = isolateMargins(built, leverages, 0.02 + 0.5 * rng.uniform(), ctx);
    return { id, marginMode: 'isolated', collateral, positions };
  }
  const profile = book.collateralProfiles[pickWeighted(book.collateralProfiles.map((p) => p.weight), rng)];
  const setting = leverageSetting(leverage);
  return {
    id,
    marginMode: 'cross',
    collateral: crossCollateral(built, leverage, profile.weights, ctx),
    positions: built.map((b) => (b.kind === 'option' ? b.position : { ...b.position, leverage: setting })),
  };
}

/** Option listings of the book, with the weight retail gives them (market makers quote the same chains). */
function optionChains(book: BookSpec, listing: SampleListing): { items: ListedInstrument[]; settlement: Settlement; underlying: string; weight: number }[] {
  return book.retail.products
    .filter((p) => p.kind === 'option' && p.weight > 0)
    .map((p) => ({ items: listing[listingKey(p.underlying, 'option', p.settlement)], settlement: p.settlement, underlying: p.underlying, weight: p.weight }));
}

export function marketMakerAccount(id: string, book: BookSpec, listing: SampleListing, ctx: BookContext, rng: Rng): Account {
  const spec: MarketMakerSpec = book.marketMakers;
  const chains = optionChains(book, listing);
  const count = spec.optionPositionsMin + rng.int(spec.optionPositionsMax - spec.optionPositionsMin + 1);
  const held = new Set<string>();
  const built: BuiltPosition[] = [];
  const deltaCoin = new Map<string, number>(); // `${underlying}:${settlement}` → option delta in coin
  for (let attempt = 0; built.length < count && attempt < count * 4; attempt++) {
    const chain = chains[pickWeighted(chains.map((c) => c.weight), rng)];
    const item = chain.items[rng.int(chain.items.length)];
    if (held.has(item.spec.id) || item.spec.kind !== 'option') continue;
    held.add(item.spec.id);
    const side = rng.uniform() < spec.shortShare ? -1 : 1;
    const notional = spec.optionNotionalUsdMedian * Math.exp(spec.optionNotionalLogSd * rng.normal());
    const b = buildPosition(item, side, notional, ctx, rng);
    built.push(b);
    const { delta } = black76Greeks({
      optionType: item.spec.optionType, forward: item.forwardUsd, strike: item.strikeUsd, expiryDays: item.expiryDays, vol: item.vol, rate: book.rate,
    });
    const key = `${chain.underlying}:${chain.settlement}`;
    deltaCoin.set(key, (deltaCoin.get(key) ?? 0) + b.position.quantity.toNumber() * delta);
  }
  // Delta-hedge each chain with the perpetual of the same settlement (linear if none is listed).
  for (const [key, delta] of deltaCoin) {
    const [underlying, settlement] = key.split(':') as [string, Settlement];
    const perp = (listing[listingKey(underlying, 'perpetual', settlement)] ?? listing[listingKey(underlying, 'perpetual', 'linear')])?.[0];
    const hedgeUsd = Math.abs(delta) * ctx.spotUsd[underlying];
    if (!perp || held.has(perp.spec.id) || hedgeUsd < 0.5 * Number(perp.underlying.lotCoin) * ctx.spotUsd[underlying]) continue;
    held.add(perp.spec.id);
    built.push(buildPosition(perp, delta > 0 ? -1 : 1, hedgeUsd, ctx, rng));
  }
  const leverage = spec.leverageMin + rng.uniform() * (spec.leverageMax - spec.leverageMin);
  return { id, marginMode: 'cross', collateral: crossCollateral(built, leverage, spec.collateralWeights, ctx), positions: built.map((b) => b.position) };
}

export function whaleAccount(id: string, book: BookSpec, listing: SampleListing, ctx: BookContext, rng: Rng): Account {
  const spec: WhaleSpec = book.whales;
  const products = book.retail.products.filter((p) => p.kind !== 'option' && spec.underlyings.includes(p.underlying));
  const notionalUsd = logUniform(spec.notionalUsdMin, spec.notionalUsdMax, rng);
  const leverage = spec.leverageMin + rng.uniform() * (spec.leverageMax - spec.leverageMin);
  const count = 1 + rng.int(spec.positionsMax);
  const held = new Set<string>();
  const built: BuiltPosition[] = [];
  for (const share of shares(count, rng)) {
    const item = pickProduct(products, listing, rng, true);
    if (held.has(item.spec.id)) continue;
    held.add(item.spec.id);
    built.push(buildPosition(item, rng.uniform() < 0.5 ? 1 : -1, notionalUsd * share, ctx, rng));
  }
  const setting = leverageSetting(leverage);
  return {
    id,
    marginMode: 'cross',
    collateral: crossCollateral(built, leverage, spec.collateralWeights, ctx),
    positions: built.map((b) => ({ ...b.position, leverage: setting })),
  };
}
