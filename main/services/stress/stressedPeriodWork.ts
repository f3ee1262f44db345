/**
 * Stressed-period finder for a whole book (docs/methodology stress-scenarios, "Stressed period"): every
 * window of `windowDays` returns of the dataset is applied to TODAY's book as one price scenario, the book
 * fully revalued (options by Black-76 at the book's vol, collateral at face value), and the window with the
 * largest book loss is returned. All windows are revalued in one scenario set (core bookScenarioSet +
 * addAccountScenarioPnl, the Monte Carlo machinery) and core findStressedPeriod picks the worst.
 */
import { compileBook } from '../../core/book/compile';
import { bookFromWire, type BookWire } from '../../core/book/wire';
import { InputError } from '../../core/errors';
import { addAccountScenarioPnl, bookScenarioSet, compilePortfolioTerms } from '../../core/margin/portfolioBookTerms';
import type { PriceHistory } from '../../core/margin/historicalScenarios';
import type { MarketSnapshot } from '../../core/market/types';
import { Dec } from '../../core/money/decimal';
import { returnsPanelFromCloses } from '../../core/stress/returnsPanel';
import { findStressedPeriod, type StressedPeriod } from '../../core/stress/stressedPeriod';
import type { ProgressFn } from '../../jobs/protocol';

export interface StressedPeriodPayload {
  book: BookWire & { id: string };
  snapshot: MarketSnapshot;
  history: PriceHistory;
  windowDays: number;
}

export interface StressedPeriodResult extends StressedPeriod {
  dataFrom: string;
  dataTo: string;
}

export function stressedPeriodTask(p: StressedPeriodPayload, progress: ProgressFn): StressedPeriodResult {
  progress(0, 3, 'compiling book');
  const compiled = compileBook(bookFromWire(p.book, p.book.id), p.snapshot);
  // Face value: the book's own loss, before any model's haircuts.
  const terms = compilePortfolioTerms(compiled, { haircuts: {}, defaultHaircut: new Dec(0) });
  const panel = returnsPanelFromCloses({ dates: [...p.history.dates], close: [...p.history.close], gapReport: [] }, p.history.assets);
  const W = panel.dates.length - p.windowDays + 1;
  if (!Number.isInteger(p.windowDays) || W < 1) {
    throw new InputError(`windowDays: ${p.windowDays} exceeds the ${panel.dates.length} daily returns of the history (${panel.dates[0]} to ${panel.dates.at(-1)})`);
  }
  // Pass 1: each window's cumulative returns, in window order (findStressedPeriod's own prefix sums).
  const A = compiled.assets.length;
  const column = compiled.assets.map((a) => panel.assets.indexOf(a));
  const multiplier = new Float64Array(A * W).fill(1);
  const windowIndex = new Map<string, number>();
  findStressedPeriod((cumulative, window) => {
    const w = windowIndex.size;
    windowIndex.set(window.from, w);
    column.forEach((c, a) => { if (c >= 0) multiplier[a * W + w] = 1 + cumulative[c]!; });
    return 0;
  }, panel, p.windowDays);
  progress(1, 3, `revaluing the book under ${W.toLocaleString('en-US')} windows`);
  const set = bookScenarioSet(terms, W, multiplier, (i) => compiled.vol[compiled.instruments.underlying[i]!]!);
  const pnl = new Float64Array(W);
  const allInOneRow = new Int32Array(A);
  for (let k = 0; k < compiled.accounts.count; k++) addAccountScenarioPnl(terms, set, k, allInOneRow, pnl);
  progress(2, 3, 'worst window');
  // Pass 2: the same windows, loss = −(book PnL) looked up by the window's first date.
  const worst = findStressedPeriod((_c, window) => -pnl[windowIndex.get(window.from)!]!, panel, p.windowDays);
  progress(3, 3, 'done');
  return { ...worst, dataFrom: panel.dates[0]!, dataTo: panel.dates.at(-1)! };
}
