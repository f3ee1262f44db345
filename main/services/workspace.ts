import type { CreateSampleOutput, ParsedInputOf } from '../../preload/contract';
import { bookFromWire, type BookWire } from '../core/book/wire';
import type { Bar } from '../core/market/types';
import { contentHash } from '../store/hash';
import type { ServiceContext } from './context';
import { storeParsedPrices } from './datasets';
import { tracked } from './tracked';

/** What the `sample:generate` worker task returns (plain data: the book's decimals are strings). */
export interface GeneratedSample {
  market: { assets: string[]; series: Record<string, Bar[]> };
  book: BookWire & { id: string };
  summary: { assets: string[]; days: number; firstDate: string; lastDate: string; accounts: number; positions: number };
}

export const sampleDatasetName = (seed: number): string => `Sample market (SYNTHETIC, seed ${seed})`;
export const sampleBookId = (seed: number): string => `sample-book-${seed}`;

/**
 * Creates the SYNTHETIC sample workspace (market + book) from a seed, deterministically, so the app
 * works offline on first start. Idempotent: the same seed stores the same data once.
 */
export function workspaceService(ctx: ServiceContext) {
  return {
    async createSample(input: ParsedInputOf<'workspace:createSample'>): Promise<CreateSampleOutput> {
      const t0 = ctx.now().getTime();
      const { result } = await tracked(ctx, {
        kind: 'workspace:createSample',
        jobId: input.jobId,
        work: (jobId, onProgress) =>
          ctx.pool.run<GeneratedSample>('sample:generate', { seed: input.seed }, {
            jobId, kind: 'workspace:createSample', onProgress: (p) => onProgress(p.done, p.total, p.message),
          }),
      });
      const files = result.market.assets.map((asset) => ({
        fileName: `synthetic:${asset}`, format: 'synthetic' as const, asset, bars: result.market.series[asset]!,
        report: { gaps: [], missingDays: 0, badPrints: [], sourceOrder: 'ascending' as const },
      }));
      const bookId = sampleBookId(input.seed);
      const stored = ctx.store.transaction(() => {
        const market = storeParsedPrices(ctx, sampleDatasetName(input.seed), files, true);
        if (!ctx.store.books.summary(bookId)) {
          const book = bookFromWire({ ...result.book, id: bookId }, bookId);
          ctx.store.books.insert(book, { contentHash: contentHash(result.book), source: `generated (seed ${input.seed})`, createdAt: ctx.now().toISOString() });
        }
        return market;
      });
      const s = result.summary;
      return {
        synthetic: true, seed: input.seed, datasetId: stored.datasetId, bookId, assets: s.assets, days: s.days,
        firstDate: s.firstDate, lastDate: s.lastDate, accounts: s.accounts, positions: s.positions, durationMs: ctx.now().getTime() - t0,
      };
    },
  };
}
