/** Reader for the `book` part of the sample-workspace inputs (see spec.ts for the types). */
import type { Settlement } from '../book/types';
import { InputError } from '../errors';
import {
  readArray, readDecimalText, readEnum, readNumber, readObject, readString, readWeights, type Json,
} from './read';
import type {
  BookSpec, CollateralProfile, MarketMakerSpec, MarketSpec, ProductWeight, RetailSpec, UnderlyingSpec, WhaleSpec,
} from './spec';

const SETTLEMENTS: readonly Settlement[] = ['linear', 'inverse'];
const KINDS = ['perpetual', 'future', 'option'] as const;
const unit = { min: 0, max: 1 };
const positive = { above: 0 };
const count = { min: 0, integer: true };

function readSettlements(value: Json, path: string): Settlement[] {
  return readArray(value, path).map((s, i) => readEnum(s, `${path}[${i}]`, SETTLEMENTS));
}

function readUnderlying(value: Json, path: string, market: MarketSpec): UnderlyingSpec {
  const o = readObject(value, path);
  const symbol = readString(o.symbol, `${path}.symbol`);
  if (!market.assets.some((a) => a.symbol === symbol)) {
    throw new InputError(`${path}.symbol: ${symbol} is not a risk asset of spec.market.assets`);
  }
  return {
    symbol,
    lotCoin: readDecimalText(o.lotCoin, `${path}.lotCoin`),
    optionLotCoin: readDecimalText(o.optionLotCoin, `${path}.optionLotCoin`),
    priceTick: readDecimalText(o.priceTick, `${path}.priceTick`),
    strikeStep: readNumber(o.strikeStep, `${path}.strikeStep`, positive),
    inverseContractSizeUsd: readDecimalText(o.inverseContractSizeUsd, `${path}.inverseContractSizeUsd`),
    inversePremiumTickCoin: readDecimalText(o.inversePremiumTickCoin, `${path}.inversePremiumTickCoin`),
    basisAnnualPct: readNumber(o.basisAnnualPct, `${path}.basisAnnualPct`, { min: -50, max: 100 }),
    perpetuals: readSettlements(o.perpetuals, `${path}.perpetuals`),
    futures: readSettlements(o.futures, `${path}.futures`),
    options: readSettlements(o.options, `${path}.options`),
  };
}

function readCollateralWeights(value: Json, path: string, symbols: string[]): Record<string, number> {
  const weights = readWeights(value, path);
  for (const key of Object.keys(weights)) {
    if (!symbols.includes(key)) throw new InputError(`${path}.${key}: ${key} is not an asset of spec.market`);
  }
  return weights;
}

function readRetail(value: Json, path: string, underlyings: UnderlyingSpec[]): RetailSpec {
  const o = readObject(value, path);
  const num = (key: string, bounds = {}) => readNumber(o[key], `${path}.${key}`, bounds);
  const products = readArray(o.products, `${path}.products`, 1).map((v, i): ProductWeight => {
    const p = `${path}.products[${i}]`;
    const po = readObject(v, p);
    const product: ProductWeight = {
      underlying: readString(po.underlying, `${p}.underlying`),
      kind: readEnum(po.kind, `${p}.kind`, KINDS),
      settlement: readEnum(po.settlement, `${p}.settlement`, SETTLEMENTS),
      weight: readNumber(po.weight, `${p}.weight`, { min: 0 }),
    };
    const u = underlyings.find((x) => x.symbol === product.underlying);
    const listed = u ? { perpetual: u.perpetuals, future: u.futures, option: u.options }[product.kind] : [];
    if (!listed.includes(product.settlement)) {
      throw new InputError(`${p}: ${product.underlying} ${product.settlement} ${product.kind} is not listed in spec.book.underlyings`);
    }
    return product;
  });
  if (!products.some((p) => p.kind !== 'option' && p.weight > 0)) {
    throw new InputError(`${path}.products: needs a perpetual or future with positive weight (isolated accounts trade them)`);
  }
  const retail: RetailSpec = {
    count: num('count', count),
    isolatedShare: num('isolatedShare', unit),
    longShare: num('longShare', unit),
    notionalUsdMedian: num('notionalUsdMedian', positive),
    notionalLogSd: num('notionalLogSd', { min: 0, max: 5 }),
    extraPositionsMean: num('extraPositionsMean', { min: 0, max: 50 }),
    maxPositions: num('maxPositions', { min: 1, integer: true }),
    optionLongShare: num('optionLongShare', unit),
    leverageMedian: num('leverageMedian', { min: 1 }),
    leverageLogSd: num('leverageLogSd', { min: 0, max: 3 }),
    leverageTailShare: num('leverageTailShare', unit),
    leverageTailMin: num('leverageTailMin', { min: 1 }),
    leverageTailAlpha: num('leverageTailAlpha', positive),
    leverageMax: num('leverageMax', { min: 1 }),
    products,
  };
  return retail;
}

function readMarketMakers(value: Json, path: string, symbols: string[]): MarketMakerSpec {
  const o = readObject(value, path);
  const num = (key: string, bounds = {}) => readNumber(o[key], `${path}.${key}`, bounds);
  const mm: MarketMakerSpec = {
    count: num('count', count),
    optionPositionsMin: num('optionPositionsMin', { min: 1, integer: true }),
    optionPositionsMax: num('optionPositionsMax', { min: 1, integer: true }),
    optionNotionalUsdMedian: num('optionNotionalUsdMedian', positive),
    optionNotionalLogSd: num('optionNotionalLogSd', { min: 0, max: 5 }),
    shortShare: num('shortShare', unit),
    leverageMin: num('leverageMin', { min: 1 }),
    leverageMax: num('leverageMax', { min: 1 }),
    collateralWeights: readCollateralWeights(o.collateralWeights, `${path}.collateralWeights`, symbols),
  };
  if (mm.optionPositionsMax < mm.optionPositionsMin) throw new InputError(`${path}.optionPositionsMax: must be >= optionPositionsMin`);
  if (mm.leverageMax < mm.leverageMin) throw new InputError(`${path}.leverageMax: must be >= leverageMin`);
  return mm;
}

function readWhales(value: Json, path: string, symbols: string[], retail: RetailSpec): WhaleSpec {
  const o = readObject(value, path);
  const num = (key: string, bounds = {}) => readNumber(o[key], `${path}.${key}`, bounds);
  const whales: WhaleSpec = {
    count: num('count', count),
    underlyings: readArray(o.underlyings, `${path}.underlyings`, 1).map((u, i) => readString(u, `${path}.underlyings[${i}]`)),
    notionalUsdMin: num('notionalUsdMin', positive),
    notionalUsdMax: num('notionalUsdMax', positive),
    positionsMax: num('positionsMax', { min: 1, integer: true }),
    leverageMin: num('leverageMin', { min: 1 }),
    leverageMax: num('leverageMax', { min: 1 }),
    collateralWeights: readCollateralWeights(o.collateralWeights, `${path}.collateralWeights`, symbols),
  };
  if (!retail.products.some((p) => p.kind !== 'option' && p.weight > 0 && whales.underlyings.includes(p.underlying))) {
    throw new InputError(`${path}.underlyings: no perpetual or future of retail.products is on ${whales.underlyings.join(', ')}`);
  }
  if (whales.notionalUsdMax < whales.notionalUsdMin) throw new InputError(`${path}.notionalUsdMax: must be >= notionalUsdMin`);
  if (whales.leverageMax < whales.leverageMin) throw new InputError(`${path}.leverageMax: must be >= leverageMin`);
  return whales;
}

/** Validate spec.book against the already validated market part (symbols must exist there). */
export function parseBookSpec(value: Json, path: string, market: MarketSpec): BookSpec {
  const o = readObject(value, path);
  const num = (key: string, bounds = {}) => readNumber(o[key], `${path}.${key}`, bounds);
  const symbols = [...market.assets, ...market.stablecoins].map((a) => a.symbol);
  const underlyings = readArray(o.underlyings, `${path}.underlyings`, 1).map((u, i) => readUnderlying(u, `${path}.underlyings[${i}]`, market));
  const profiles = readArray(o.collateralProfiles, `${path}.collateralProfiles`, 1).map((p, i): CollateralProfile => {
    const po = readObject(p, `${path}.collateralProfiles[${i}]`);
    return {
      weights: readCollateralWeights(po.weights, `${path}.collateralProfiles[${i}].weights`, symbols),
      weight: readNumber(po.weight, `${path}.collateralProfiles[${i}].weight`, { min: 0 }),
    };
  });
  const retail = readRetail(o.retail, `${path}.retail`, underlyings);
  const book: BookSpec = {
    name: readString(o.name, `${path}.name`, /SYNTHETIC/),
    linearSettlementAsset: readString(o.linearSettlementAsset, `${path}.linearSettlementAsset`),
    rate: num('rate', { min: -0.2, max: 0.5 }),
    impliedOverRealised: num('impliedOverRealised', positive),
    volFloor: num('volFloor', positive),
    volCap: num('volCap', positive),
    smileSkew: num('smileSkew', { min: -5, max: 5 }),
    smileCurvature: num('smileCurvature', { min: 0, max: 20 }),
    entryDispersionPct: num('entryDispersionPct', { min: 0, max: 50 }),
    optionEntryDispersionPct: num('optionEntryDispersionPct', { min: 0, max: 100 }),
    futureQuarterlies: num('futureQuarterlies', { min: 1, max: 12, integer: true }),
    optionWeeklies: num('optionWeeklies', { min: 0, max: 8, integer: true }),
    optionMonthlies: num('optionMonthlies', { min: 0, max: 12, integer: true }),
    optionQuarterlies: num('optionQuarterlies', { min: 0, max: 8, integer: true }),
    strikeMoneynessPct: readArray(o.strikeMoneynessPct, `${path}.strikeMoneynessPct`, 1)
      .map((m, i) => readNumber(m, `${path}.strikeMoneynessPct[${i}]`, { above: -100, max: 500 })),
    underlyings,
    collateralProfiles: profiles,
    retail,
    marketMakers: readMarketMakers(o.marketMakers, `${path}.marketMakers`, symbols),
    whales: readWhales(o.whales, `${path}.whales`, symbols, retail),
  };
  if (!market.stablecoins.some((s) => s.symbol === book.linearSettlementAsset)) {
    throw new InputError(`${path}.linearSettlementAsset: ${book.linearSettlementAsset} is not a stablecoin of spec.market.stablecoins`);
  }
  if (book.volCap < book.volFloor) throw new InputError(`${path}.volCap: must be >= volFloor`);
  if (book.optionWeeklies + book.optionMonthlies + book.optionQuarterlies === 0) {
    throw new InputError(`${path}: optionWeeklies + optionMonthlies + optionQuarterlies must list at least one expiry`);
  }
  return book;
}
