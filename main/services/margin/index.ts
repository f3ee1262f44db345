import type { MarginAccountRow, MarginExplainOutput, MarginRunSummary, ParsedInputOf } from '../../../preload/contract';
import { bookToWire } from '../../core/book/wire';
import { InputError, NotFoundError } from '../../core/errors';
import type { Book } from '../../core/book/types';
import { historicalScenarios, type HistoricalScenarios } from '../../core/margin/historicalScenarios';
import { accountMargin, marginModelFromWire, type MarginModel, type MarginModelWire } from '../../core/margin/modelDispatch';
import { ewmaCovarianceAsOf, type EwmaCovarianceEstimate } from '../../core/margin/parametricVar';
import { instrumentLookup, type InstrumentLookup } from '../../core/margin/tiered';
import type { ServiceContext } from '../context';
import { marketContext, type MarketContext } from '../market';
import { modelsService } from '../models';
import { tracked } from '../tracked';
import { explainComponents } from './explainView';
import type { MarginBookPart } from './task';
import { accountRows, marginTotals, pageRows } from './rows';

export const MARGIN_RUN_KIND = 'margin';

/** Assets a book's valuation reads: underlyings and collateral assets. */
function bookAssets(book: ReturnType<ServiceContext['store']['books']['load']> & object): string[] {
  const out = new Set<string>();
  for (const i of book.instruments) out.add(i.underlying);
  for (const a of book.accounts) for (const c of a.collateral) out.add(c.asset);
  return [...out].sort();
}

/** Splits [0, n) into `parts` contiguous ranges of near-equal size. */
export function splitRange(n: number, parts: number): { from: number; to: number }[] {
  const k = Math.max(1, Math.min(parts, n));
  return Array.from({ length: k }, (_, i) => ({ from: Math.floor((i * n) / k), to: Math.floor(((i + 1) * n) / k) }));
}

interface MarginRunInputs {
  bookId: string;
  bookHash: string;
  modelId: string;
  modelHash: string;
  datasetId: string;
  seriesHashes: Record<string, string>;
  at: string;
}

export function marginService(ctx: ServiceContext) {
  // Explaining accounts of one run one after another (the Books view, `mwb margin`) reuses the run's
  // book, model and market instead of rebuilding them per account.
  let explainCache: { runId: string; book: Book; lookup: InstrumentLookup; model: MarginModel; config: MarginModelWire;
    market: MarketContext; scenarios?: HistoricalScenarios; covariance?: EwmaCovarianceEstimate } | undefined;
  const loadRun = (runId: string) => {
    const run = ctx.store.runs.get(runId);
    if (!run || run.kind !== MARGIN_RUN_KIND) throw new NotFoundError(`no margin run with id "${runId}"`);
    if (run.status !== 'succeeded') throw new InputError(`margin run ${runId} is ${run.status}; it has no results`);
    return run;
  };

  return {
    /** Margins a whole book under one model at one date, in parallel over account ranges; stored as a run. */
    async compute(input: ParsedInputOf<'margin:compute'>): Promise<MarginRunSummary> {
      const t0 = ctx.now().getTime();
      const book = ctx.store.books.load(input.bookId);
      if (!book) throw new NotFoundError(`no book with id "${input.bookId}"`);
      const bookInfo = ctx.store.books.summary(input.bookId)!;
      const modelRecord = modelsService(ctx).get(input.modelId);
      const model = marginModelFromWire(modelRecord.config as MarginModelWire);
      const market = marketContext(ctx, input.datasetId, bookAssets(book), input.at);
      const dataset = ctx.store.datasets.get(input.datasetId) ?? ctx.store.datasets.findByName(input.datasetId)!;
      const inputs: MarginRunInputs = {
        bookId: book.id, bookHash: bookInfo.contentHash, modelId: modelRecord.id, modelHash: modelRecord.contentHash,
        datasetId: dataset.id, seriesHashes: Object.fromEntries(dataset.series.map((s) => [s.asset, s.contentHash])), at: market.snapshot.date,
      };
      const wire = bookToWire(book);
      const ranges = splitRange(book.accounts.length, ctx.pool.threads);
      const n = book.accounts.length;
      const { result, runId, resultHash } = await tracked(ctx, {
        kind: 'margin:compute',
        jobId: input.jobId,
        work: async (jobId, onProgress) => {
          let done = 0;
          // Each worker gets only its accounts (margin is per account): cloning and compiling the whole
          // book in every worker cost each of them the full book's memory (100,000 accounts: > 1 GB).
          const parts = await Promise.all(ranges.map((r, i) =>
            ctx.pool.run<MarginBookPart>('margin:book', {
              book: { ...wire, accounts: wire.accounts.slice(r.from, r.to) }, snapshot: market.snapshot, history: market.history,
              model: modelRecord.config, from: 0, to: r.to - r.from,
            }, { jobId: `${jobId}-part-${i}`, kind: 'margin:compute' }).then((part) => {
              done += r.to - r.from;
              onProgress(done, n, `${done.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} accounts`);
              return { ...part, from: r.from, to: r.to };
            })));
          return parts;
        },
      }, {
        runKind: MARGIN_RUN_KIND,
        label: `${book.name} · ${modelRecord.name} · ${market.snapshot.date}`,
        inputs, params: { model: modelRecord.config }, seed: null,
        toOutput: (parts) => {
          const join = (key: keyof Omit<MarginBookPart, 'from' | 'to'>): Float64Array => {
            const out = new Float64Array(n);
            for (const p of parts) out.set(p[key], p.from);
            return out;
          };
          const vectors = { equityUsd: join('equityUsd'), initialMarginUsd: join('initialMarginUsd'), maintenanceMarginUsd: join('maintenanceMarginUsd'), grossNotionalUsd: join('grossNotionalUsd') };
          const options = new Set(book.instruments.filter((i) => i.kind === 'option').map((i) => i.id));
          const excluded = model.kind === 'tiered'
            ? book.accounts.flatMap((a) => a.positions.filter((p) => options.has(p.instrumentId))
              .map((p) => ({ accountId: a.id, instrumentId: p.instrumentId, reason: 'options are not margined by the tiered model (use a scenario-grid or VaR model)' }))).slice(0, 10_000)
            : [];
          const summary = {
            bookId: book.id, bookName: book.name, synthetic: book.synthetic, model: { id: modelRecord.id, name: modelRecord.name, kind: modelRecord.kind },
            datasetId: dataset.id, at: market.snapshot.date, prices: market.snapshot.spot, assumedPegged: market.assumedPegged,
            totals: marginTotals(vectors), excluded,
          };
          return {
            summaries: { summary, accounts: { ids: book.accounts.map((a) => a.id), marginModes: book.accounts.map((a) => a.marginMode) } },
            vectors,
          };
        },
      });
      void result;
      const stored = ctx.store.runs.summaries(runId!).summary as Omit<MarginRunSummary, 'runId' | 'resultHash' | 'durationMs'> & { assumedPegged: string[] };
      const { assumedPegged: _pegged, ...summary } = stored;
      return { runId: runId!, ...summary, durationMs: ctx.now().getTime() - t0, resultHash: resultHash! };
    },

    /** One page of a margin run's per-account table, sorted and filtered server-side. */
    accounts(input: ParsedInputOf<'margin:accounts'>): { total: number; rows: MarginAccountRow[] } {
      const run = loadRun(input.runId);
      const rows = accountRows(ctx.store.runs, run.id);
      return pageRows(rows, input);
    },

    /** Re-runs one account through the single-account Dec path of the run's model, with its explain. */
    explain(input: ParsedInputOf<'margin:explain'>): MarginExplainOutput {
      const run = loadRun(input.runId);
      const inputs = run.inputs as MarginRunInputs;
      if (explainCache?.runId !== run.id) {
        const book = ctx.store.books.load(inputs.bookId);
        if (!book) throw new NotFoundError(`book ${inputs.bookId} of run ${run.id} no longer exists`);
        const config = (run.params as { model: MarginModelWire }).model;
        const model = marginModelFromWire(config);
        const market = marketContext(ctx, inputs.datasetId, bookAssets(book), inputs.at);
        // Pegged stablecoins the dataset lacks are constant assets (zero variance), as in the run itself.
        const assets = bookAssets(book).filter((a) => market.history.assets.includes(a) || market.history.constant.includes(a));
        explainCache = {
          runId: run.id, book, lookup: instrumentLookup(book.instruments), model, config, market,
          // Per-book inputs of the VaR models, built once for every account of the book.
          ...(model.kind === 'historicalVar' ? { scenarios: historicalScenarios(model, market.history, market.snapshot.date, assets) } : {}),
          ...(model.kind === 'parametricVar' ? { covariance: ewmaCovarianceAsOf(market.history, assets, market.snapshot.date, model.lambda) } : {}),
        };
      }
      const { book, lookup, model, config, market, scenarios, covariance } = explainCache;
      const account = book.accounts.find((a) => a.id === input.accountId);
      if (!account) throw new NotFoundError(`account "${input.accountId}" is not in book ${book.name}`);
      const m = accountMargin(account, lookup, market.snapshot, model, { history: market.history, historicalScenarios: scenarios, covariance });
      const view = explainComponents(m.explain);
      return {
        accountId: account.id,
        model: { id: inputs.modelId, name: config.name, kind: config.kind },
        at: inputs.at,
        summary: {
          equityUsd: m.equityUsd.toString(), initialMarginUsd: m.initialMarginUsd.toString(), maintenanceMarginUsd: m.maintenanceMarginUsd.toString(),
          marginRatio: m.marginRatio?.toString() ?? null, freeMarginUsd: m.freeMarginUsd.toString(),
        },
        drivers: view.drivers,
        components: view.components,
        detail: JSON.parse(JSON.stringify(m.explain)) as unknown,
      };
    },
  };
}
