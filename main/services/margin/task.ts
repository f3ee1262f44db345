import { compileBook } from '../../core/book/compile';
import { grossNotionalUsd } from '../../core/book/exposure';
import { bookFromWire, type BookWire } from '../../core/book/wire';
import { bookMargin, marginModelFromWire, type MarginModelWire } from '../../core/margin/modelDispatch';
import type { PriceHistory } from '../../core/margin/historicalScenarios';
import type { MarketSnapshot } from '../../core/market/types';
import type { ProgressFn } from '../../jobs/protocol';

export interface MarginBookPayload {
  book: BookWire & { id: string };
  snapshot: MarketSnapshot;
  history: PriceHistory;
  model: MarginModelWire;
  /** Accounts [from, to) of the book this task margins (a worker's share). */
  from: number;
  to: number;
}

export interface MarginBookPart {
  from: number;
  to: number;
  equityUsd: Float64Array;
  initialMarginUsd: Float64Array;
  maintenanceMarginUsd: Float64Array;
  grossNotionalUsd: Float64Array;
}

/** Worker task: margin one range of a book's accounts under one model (vectorised path). */
export function marginBookTask(p: MarginBookPayload, progress: ProgressFn): MarginBookPart {
  progress(0, 3, 'compiling book');
  const compiled = compileBook(bookFromWire(p.book, p.book.id), p.snapshot);
  progress(1, 3, `margining accounts ${p.from}–${p.to}`);
  const result = bookMargin(compiled, marginModelFromWire(p.model), { history: p.history }, { from: p.from, to: p.to });
  progress(2, 3, 'exposures');
  const part: MarginBookPart = {
    from: p.from, to: p.to,
    equityUsd: Float64Array.from(result.accounts.equityUsd),
    initialMarginUsd: Float64Array.from(result.accounts.initialMarginUsd),
    maintenanceMarginUsd: Float64Array.from(result.accounts.maintenanceMarginUsd),
    grossNotionalUsd: grossNotionalUsd(compiled, p.from, p.to),
  };
  progress(3, 3, 'done');
  return part;
}
