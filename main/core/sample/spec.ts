/**
 * The shape of resources/sample-workspace.json: the parameters of the SYNTHETIC market process and the
 * composition of the SYNTHETIC book. docs/methodology (sample workspace) explains every parameter.
 */
import type { Settlement } from '../book/types';
import { InputError } from '../errors';
import { addDays } from './calendar';
import { parseBookSpec } from './spec-book';
import {
  readArray, readDate, readNumber, readObject, readString, readWeights, type Json,
} from './read';

export interface PriceAnchor {
  date: string;
  /** USD per unit of the asset. */
  price: number;
}

/** One risk asset: GJR-GARCH(1,1) variance, Student-t shocks, a factor loading that rises in sell-offs. */
export interface RiskAssetSpec {
  symbol: string;
  /** Decimal places of the OHLC strings. */
  pricePrecision: number;
  /** Decimal places of the volume string (base-asset units). */
  volumePrecision: number;
  /** Unconditional daily volatility of the GARCH part (fraction; 0.03 = 3 %/day). */
  dailyVol: number;
  garchAlpha: number;
  garchBeta: number;
  /** GJR (1993) extra weight on negative shocks. */
  garchGamma: number;
  /** Ceiling of the conditional daily volatility: keeps Student-t shocks from compounding into explosive paths. */
  maxDailyVol: number;
  /** Degrees of freedom of the idiosyncratic Student-t shock (> 2). */
  dof: number;
  /** Loading on the common factor on calm days (factor above the stress threshold). */
  loadingCalm: number;
  /** Loading on the common factor on stress days (factor below the threshold). */
  loadingStress: number;
  /** Multiplier of a crash episode's BTC-scale log return for this asset. */
  crashBeta: number;
  /** Mean upper / lower wick as a fraction of the day's conditional volatility. */
  wickUpVolFraction: number;
  wickDownVolFraction: number;
  /** USD traded per day at the first and last date (log-linear trend between them). */
  volumeUsdFirst: number;
  volumeUsdLast: number;
  /** Weight of log(1 + |r|/dailyVol) in log volume. */
  volumeReturnSensitivity: number;
  /** AR(1) coefficient and innovation sd of the log-volume noise. */
  volumePersistence: number;
  volumeNoiseSd: number;
  /** Price levels the path is conditioned to pass through; the first is the start price at firstDate. */
  anchors: PriceAnchor[];
}

export interface DepegSpec {
  name: string;
  from: string;
  /** Scripted closes (USD) on consecutive days from `from`. */
  closes: number[];
  /** Scripted intraday lows, same length as closes. */
  lows: number[];
}

/** A stablecoin: an AR(1) deviation from 1.00 inside an arbitrage band, plus scripted de-pegs. */
export interface StablecoinSpec {
  symbol: string;
  pricePrecision: number;
  volumePrecision: number;
  /** Sd of the daily log-deviation innovation. */
  dailyDeviationSd: number;
  /** AR(1) coefficient of the log deviation (mean reversion to the peg). */
  persistence: number;
  dof: number;
  /** Outside de-pegs the close stays within ±bandPct % of 1.00. */
  bandPct: number;
  /** Mean intraday wick in percent. */
  wickMeanPct: number;
  volumeUsdFirst: number;
  volumeUsdLast: number;
  volumeReturnSensitivity: number;
  volumePersistence: number;
  volumeNoiseSd: number;
  depegs: DepegSpec[];
}

export interface EpisodeDaySpec {
  /** Close-to-close simple return of BTC on that day, in percent. */
  returnPct: number;
  /** Extra intraday excursion below min(open, close) / above max(open, close), percent, BTC scale. */
  lowWickPct: number;
  highWickPct: number;
}

export interface CrashEpisodeSpec {
  name: string;
  from: string;
  days: EpisodeDaySpec[];
  /** Per-asset overrides of crashBeta for this episode. */
  betas: Record<string, number>;
}

export interface MarketSpec {
  /** Dataset name; must say SYNTHETIC. */
  name: string;
  firstDate: string;
  lastDate: string;
  /** Degrees of freedom of the common Student-t factor. */
  factorDof: number;
  /** Standardised factor value below which the stress loadings apply (0 = every down day). */
  stressFactorThreshold: number;
  /** Share of an episode day's squared shock that feeds the GARCH variance (0–1). */
  episodeVarianceWeight: number;
  /** Log sd, in percent, of the random factor each anchor price is multiplied by (hides round levels). */
  anchorJitterPct: number;
  assets: RiskAssetSpec[];
  stablecoins: StablecoinSpec[];
  episodes: CrashEpisodeSpec[];
}

export interface ProductWeight {
  underlying: string;
  kind: 'perpetual' | 'future' | 'option';
  settlement: Settlement;
  weight: number;
}

export interface UnderlyingSpec {
  symbol: string;
  /** Quantity step of linear contracts, in coin. */
  lotCoin: string;
  optionLotCoin: string;
  /** Price tick in USD. */
  priceTick: string;
  /** Strike grid spacing in USD. */
  strikeStep: number;
  inverseContractSizeUsd: string;
  /** Premium tick of coin-settled options, in coin. */
  inversePremiumTickCoin: string;
  /** Annualised futures basis over spot, percent (F = S·e^{basis·T}). */
  basisAnnualPct: number;
  perpetuals: Settlement[];
  futures: Settlement[];
  options: Settlement[];
}

export interface CollateralProfile {
  weights: Record<string, number>;
  weight: number;
}

export interface RetailSpec {
  count: number;
  isolatedShare: number;
  longShare: number;
  notionalUsdMedian: number;
  notionalLogSd: number;
  /** Mean of the Poisson number of positions beyond the first. */
  extraPositionsMean: number;
  maxPositions: number;
  optionLongShare: number;
  leverageMedian: number;
  leverageLogSd: number;
  /** Share of accounts whose leverage is drawn from the Pareto tail instead of the log-normal body. */
  leverageTailShare: number;
  leverageTailMin: number;
  leverageTailAlpha: number;
  leverageMax: number;
  products: ProductWeight[];
}

export interface MarketMakerSpec {
  count: number;
  optionPositionsMin: number;
  optionPositionsMax: number;
  optionNotionalUsdMedian: number;
  optionNotionalLogSd: number;
  shortShare: number;
  leverageMin: number;
  leverageMax: number;
  collateralWeights: Record<string, number>;
}

export interface WhaleSpec {
  count: number;
  /** Underlyings whales trade (delta-one products of retail.products on these). */
  underlyings: string[];
  notionalUsdMin: number;
  notionalUsdMax: number;
  positionsMax: number;
  leverageMin: number;
  leverageMax: number;
  collateralWeights: Record<string, number>;
}

export interface BookSpec {
  /** Book name; must say SYNTHETIC. */
  name: string;
  /** Stablecoin that linear perpetuals and futures settle in (isolated margins are held in it). */
  linearSettlementAsset: string;
  /** Continuously compounded USD rate for option premia. */
  rate: number;
  impliedOverRealised: number;
  volFloor: number;
  volCap: number;
  smileSkew: number;
  smileCurvature: number;
  entryDispersionPct: number;
  optionEntryDispersionPct: number;
  futureQuarterlies: number;
  optionWeeklies: number;
  optionMonthlies: number;
  optionQuarterlies: number;
  strikeMoneynessPct: number[];
  underlyings: UnderlyingSpec[];
  collateralProfiles: CollateralProfile[];
  retail: RetailSpec;
  marketMakers: MarketMakerSpec;
  whales: WhaleSpec;
}

export interface SampleWorkspaceSpec {
  market: MarketSpec;
  book: BookSpec;
}

const SYMBOL = /^[A-Z][A-Z0-9]{1,9}$/;
const unit = { min: 0, max: 1 };
const positive = { above: 0 };

function readRiskAsset(value: Json, path: string): RiskAssetSpec {
  const o = readObject(value, path);
  const num = (key: string, bounds = {}) => readNumber(o[key], `${path}.${key}`, bounds);
  const asset: RiskAssetSpec = {
    symbol: readString(o.symbol, `${path}.symbol`, SYMBOL),
    pricePrecision: num('pricePrecision', { min: 0, max: 10, integer: true }),
    volumePrecision: num('volumePrecision', { min: 0, max: 10, integer: true }),
    dailyVol: num('dailyVol', { above: 0, max: 0.5 }),
    garchAlpha: num('garchAlpha', unit),
    garchBeta: num('garchBeta', unit),
    garchGamma: num('garchGamma', unit),
    maxDailyVol: num('maxDailyVol', { above: 0, max: 1 }),
    dof: num('dof', { above: 2 }),
    loadingCalm: num('loadingCalm', unit),
    loadingStress: num('loadingStress', unit),
    crashBeta: num('crashBeta', { min: 0 }),
    wickUpVolFraction: num('wickUpVolFraction', { min: 0 }),
    wickDownVolFraction: num('wickDownVolFraction', { min: 0 }),
    volumeUsdFirst: num('volumeUsdFirst', positive),
    volumeUsdLast: num('volumeUsdLast', positive),
    volumeReturnSensitivity: num('volumeReturnSensitivity', { min: 0 }),
    volumePersistence: num('volumePersistence', { min: 0, below: 1 }),
    volumeNoiseSd: num('volumeNoiseSd', { min: 0 }),
    anchors: readArray(o.anchors, `${path}.anchors`, 1).map((a, i) => {
      const ao = readObject(a, `${path}.anchors[${i}]`);
      return {
        date: readDate(ao.date, `${path}.anchors[${i}].date`),
        price: readNumber(ao.price, `${path}.anchors[${i}].price`, positive),
      };
    }),
  };
  if (asset.maxDailyVol <= asset.dailyVol) {
    throw new InputError(`${path}.maxDailyVol: must exceed dailyVol ${asset.dailyVol}, got ${asset.maxDailyVol}`);
  }
  // Stationarity of GJR-GARCH(1,1) with symmetric shocks: α + β + γ/2 < 1 (Glosten et al. 1993).
  if (asset.garchAlpha + asset.garchBeta + asset.garchGamma / 2 >= 1) {
    throw new InputError(`${path}: garchAlpha + garchBeta + garchGamma/2 must be < 1 for a stationary variance`);
  }
  return asset;
}

function readStablecoin(value: Json, path: string): StablecoinSpec {
  const o = readObject(value, path);
  const num = (key: string, bounds = {}) => readNumber(o[key], `${path}.${key}`, bounds);
  return {
    symbol: readString(o.symbol, `${path}.symbol`, SYMBOL),
    pricePrecision: num('pricePrecision', { min: 0, max: 10, integer: true }),
    volumePrecision: num('volumePrecision', { min: 0, max: 10, integer: true }),
    dailyDeviationSd: num('dailyDeviationSd', { min: 0, max: 0.05 }),
    persistence: num('persistence', { min: 0, below: 1 }),
    dof: num('dof', { above: 2 }),
    bandPct: num('bandPct', { above: 0, max: 5 }),
    wickMeanPct: num('wickMeanPct', { min: 0, max: 5 }),
    volumeUsdFirst: num('volumeUsdFirst', positive),
    volumeUsdLast: num('volumeUsdLast', positive),
    volumeReturnSensitivity: num('volumeReturnSensitivity', { min: 0 }),
    volumePersistence: num('volumePersistence', { min: 0, below: 1 }),
    volumeNoiseSd: num('volumeNoiseSd', { min: 0 }),
    depegs: readArray(o.depegs, `${path}.depegs`).map((d, i) => {
      const p = `${path}.depegs[${i}]`;
      const dob = readObject(d, p);
      const closes = readArray(dob.closes, `${p}.closes`, 1).map((c, j) => readNumber(c, `${p}.closes[${j}]`, { above: 0.5, below: 1.5 }));
      const lows = readArray(dob.lows, `${p}.lows`, 1).map((c, j) => readNumber(c, `${p}.lows[${j}]`, { above: 0.5, below: 1.5 }));
      if (lows.length !== closes.length) throw new InputError(`${p}.lows: needs ${closes.length} entries like closes, got ${lows.length}`);
      return { name: readString(dob.name, `${p}.name`), from: readDate(dob.from, `${p}.from`), closes, lows };
    }),
  };
}

function readEpisode(value: Json, path: string): CrashEpisodeSpec {
  const o = readObject(value, path);
  return {
    name: readString(o.name, `${path}.name`),
    from: readDate(o.from, `${path}.from`),
    days: readArray(o.days, `${path}.days`, 1).map((d, i) => {
      const p = `${path}.days[${i}]`;
      const dob = readObject(d, p);
      return {
        returnPct: readNumber(dob.returnPct, `${p}.returnPct`, { above: -100, max: 1000 }),
        lowWickPct: readNumber(dob.lowWickPct, `${p}.lowWickPct`, { min: 0, below: 100 }),
        highWickPct: readNumber(dob.highWickPct, `${p}.highWickPct`, { min: 0, max: 1000 }),
      };
    }),
    betas: o.betas === undefined ? {} : readWeights(o.betas, `${path}.betas`),
  };
}

function readMarketSpec(value: Json, path: string): MarketSpec {
  const o = readObject(value, path);
  const market: MarketSpec = {
    name: readString(o.name, `${path}.name`, /SYNTHETIC/),
    firstDate: readDate(o.firstDate, `${path}.firstDate`),
    lastDate: readDate(o.lastDate, `${path}.lastDate`),
    factorDof: readNumber(o.factorDof, `${path}.factorDof`, { above: 2 }),
    stressFactorThreshold: readNumber(o.stressFactorThreshold, `${path}.stressFactorThreshold`, { min: -5, max: 5 }),
    episodeVarianceWeight: readNumber(o.episodeVarianceWeight, `${path}.episodeVarianceWeight`, unit),
    anchorJitterPct: readNumber(o.anchorJitterPct, `${path}.anchorJitterPct`, { min: 0, max: 20 }),
    assets: readArray(o.assets, `${path}.assets`, 1).map((a, i) => readRiskAsset(a, `${path}.assets[${i}]`)),
    stablecoins: readArray(o.stablecoins, `${path}.stablecoins`).map((s, i) => readStablecoin(s, `${path}.stablecoins[${i}]`)),
    episodes: readArray(o.episodes, `${path}.episodes`).map((e, i) => readEpisode(e, `${path}.episodes[${i}]`)),
  };
  if (market.lastDate < market.firstDate) {
    throw new InputError(`${path}.lastDate: ${market.lastDate} is before firstDate ${market.firstDate}`);
  }
  checkEpisodeWindows(market, path);
  const symbols = [...market.assets, ...market.stablecoins].map((a) => a.symbol);
  const dup = symbols.find((s, i) => symbols.indexOf(s) !== i);
  if (dup) throw new InputError(`${path}: asset symbol ${dup} appears twice`);
  market.assets.forEach((a, i) => {
    if (a.anchors[0].date !== market.firstDate) {
      throw new InputError(`${path}.assets[${i}].anchors[0].date: must be firstDate ${market.firstDate} (it sets the start price), got ${a.anchors[0].date}`);
    }
    a.anchors.forEach((an, j) => {
      if (j > 0 && an.date <= a.anchors[j - 1].date) {
        throw new InputError(`${path}.assets[${i}].anchors[${j}].date: ${an.date} must be after ${a.anchors[j - 1].date}`);
      }
      if (an.date > market.lastDate) {
        throw new InputError(`${path}.assets[${i}].anchors[${j}].date: ${an.date} is after lastDate ${market.lastDate}`);
      }
    });
  });
  return market;
}

/** Scripted windows must lie inside the calendar and must not overlap (one script per asset-day). */
function checkEpisodeWindows(market: MarketSpec, path: string): void {
  const check = (windows: { from: string; length: number; where: string }[]) => {
    const sorted = [...windows].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    sorted.forEach((w, i) => {
      const to = addDays(w.from, w.length - 1);
      if (w.from < market.firstDate || to > market.lastDate) {
        throw new InputError(`${w.where}: ${w.from}..${to} is outside ${market.firstDate}..${market.lastDate}`);
      }
      const next = sorted[i + 1];
      if (next && next.from <= to) throw new InputError(`${next.where}: starts ${next.from}, inside ${w.where} (${w.from}..${to})`);
    });
  };
  check(market.episodes.map((e, i) => ({ from: e.from, length: e.days.length, where: `${path}.episodes[${i}]` })));
  market.stablecoins.forEach((s, i) => {
    check(s.depegs.map((d, j) => ({ from: d.from, length: d.closes.length, where: `${path}.stablecoins[${i}].depegs[${j}]` })));
  });
}

/** Validate the generator inputs (the parsed JSON of resources/sample-workspace.json). */
export function parseSampleSpec(value: Json): SampleWorkspaceSpec {
  const o = readObject(value, 'spec');
  const market = readMarketSpec(o.market, 'spec.market');
  const book = parseBookSpec(o.book, 'spec.book', market);
  return { market, book };
}
