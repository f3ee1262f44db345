/**
 * Margin runs (kind 'margin', main/services/margin): a whole book under one model at one date.
 * Report: book totals, prices, a margin-ratio histogram and the largest requirements. Bundle: the
 * book in wire form and the bars of every series the valuation read; the model configuration is
 * already in the run's parameters.
 */
import type { Block, Cell, KeyFigure, RunReportPart } from '../../../core/report';
import { equalWidthHistogram, flattenParameters, marginMethodology, num } from '../../../core/report';
import type { MarginModelWire } from '../../../core/margin/modelDispatch';
import { bookToWire, type BookWire } from '../../../core/book/wire';
import { InputError } from '../../../core/errors';
import type { Store } from '../../../store';
import { contentHash } from '../../../store/hash';
import type { RunRecord } from '../../../store/runs';
import { MARGIN_RUN_KIND, marginService } from '../../margin';
import { accountRows } from '../../margin/rows';
import { PRESETS } from '../../models';
import type { RunKindAdapter } from './types';
import { auditRecord, bundleBook, bundleSeries, provenanceRecords, recordedInputs, restoreBook, restoreDataset } from './shared';

interface MarginInputs { bookId: string; bookHash: string; modelId: string; modelHash: string; datasetId: string; seriesHashes: Record<string, string>; at: string }
interface MarginSummary {
  bookId: string; bookName: string; synthetic: boolean; model: { id: string; name: string; kind: string }; datasetId: string; at: string;
  prices: Record<string, number>; assumedPegged: string[];
  totals: { accounts: number; liquidatable: number; initialMarginUsd: string; maintenanceMarginUsd: string; equityUsd: string; grossNotionalUsd: string };
  excluded: { accountId: string; instrumentId: string; reason: string }[];
}

const TOP_ACCOUNTS = 10;
const RATIO_BINS = 11;

/**
 * The series the valuation read: the book's underlyings and collateral assets that the dataset had
 * (services/market.ts marketContext; the others were assumed pegged at 1 USD).
 */
export function seriesOfBook(book: Pick<BookWire, 'instruments' | 'accounts'>, seriesHashes: Record<string, string>): Record<string, string> {
  const assets = new Set<string>();
  for (const i of book.instruments) assets.add(i.underlying);
  for (const a of book.accounts) for (const c of a.collateral) assets.add(c.asset);
  return Object.fromEntries([...assets].filter((a) => seriesHashes[a] !== undefined).sort().map((a) => [a, seriesHashes[a]]));
}

function usedSeries(store: Store, inputs: MarginInputs): Record<string, string> {
  const book = store.books.load(inputs.bookId);
  if (!book) throw new InputError(`book ${inputs.bookId} has been deleted`);
  return seriesOfBook(bookToWire(book), inputs.seriesHashes);
}

function summaryOf(run: RunRecord, store: Store): MarginSummary {
  return store.runs.summaries(run.id).summary as MarginSummary;
}

function resultBlocks(run: RunRecord, store: Store, s: MarginSummary): Block[] {
  const rows = accountRows(store.runs, run.id);
  const t = s.totals;
  const blocks: Block[] = [{
    kind: 'table',
    table: {
      id: 'margin-totals', title: `Book totals at ${s.at}`,
      columns: [{ key: 'measure', label: 'Measure', unit: 'text' }, { key: 'value', label: 'Value', unit: 'text' }],
      rows: [
        ['Accounts', { value: t.accounts, unit: 'integer' }], ['Accounts at or below maintenance margin', { value: t.liquidatable, unit: 'integer' }],
        ['Equity (USD)', { decimal: t.equityUsd, unit: 'usd' }], ['Initial margin (USD)', { decimal: t.initialMarginUsd, unit: 'usd' }],
        ['Maintenance margin (USD)', { decimal: t.maintenanceMarginUsd, unit: 'usd' }], ['Gross notional (USD)', { decimal: t.grossNotionalUsd, unit: 'usd' }],
        ['Positions not margined by the model', { value: s.excluded.length, unit: 'integer' }],
      ],
    },
  }, {
    kind: 'table',
    table: {
      id: 'margin-prices', title: `Valuation prices at ${s.at}`,
      columns: [{ key: 'asset', label: 'Asset', unit: 'text' }, { key: 'price', label: 'Price (USD)', unit: 'number' }, { key: 'source', label: 'Source', unit: 'text' }],
      rows: Object.keys(s.prices).sort().map((a): Cell[] => [a, num(s.prices[a]), s.assumedPegged.includes(a) ? 'assumed 1 USD (no series in the dataset)' : 'dataset close']),
    },
  }];
  const ratios = rows.filter((r) => r.marginRatio !== null && r.maintenanceMarginUsd > 0).map((r) => r.marginRatio!);
  const hist = equalWidthHistogram(ratios, RATIO_BINS, 0, 1.1);
  blocks.push({
    kind: 'chart',
    chart: {
      kind: 'bar', id: 'margin-ratio-histogram', title: 'Accounts by margin ratio (maintenance margin / equity)', categories: hist.categories,
      xLabel: 'Margin ratio (lower bin edge; the last bin, 1.00+, is at or below maintenance)', y: { label: 'Accounts', unit: 'integer' },
      series: [{ name: 'Accounts', values: hist.counts }],
    },
  });
  const nonPositive = rows.filter((r) => r.equityUsd <= 0 && r.maintenanceMarginUsd > 0).length;
  if (nonPositive) blocks.push({ kind: 'notice', text: `${nonPositive} account(s) with margin have equity ≤ 0; they have no margin ratio and are not in the histogram.` });
  const top = [...rows].sort((a, b) => b.maintenanceMarginUsd - a.maintenanceMarginUsd || a.accountId.localeCompare(b.accountId)).slice(0, TOP_ACCOUNTS);
  blocks.push({
    kind: 'table',
    table: {
      id: 'margin-top-accounts', title: `The ${top.length} largest maintenance-margin requirements`,
      columns: [
        { key: 'account', label: 'Account', unit: 'text' }, { key: 'mode', label: 'Mode', unit: 'text' }, { key: 'equity', label: 'Equity', unit: 'usd' },
        { key: 'im', label: 'Initial margin', unit: 'usd' }, { key: 'mm', label: 'Maintenance margin', unit: 'usd' },
        { key: 'ratio', label: 'Margin ratio', unit: 'ratio' }, { key: 'leverage', label: 'Leverage', unit: 'ratio' }, { key: 'below', label: 'At or below MM', unit: 'text' },
      ],
      rows: top.map((r): Cell[] => [r.accountId, r.marginMode, num(r.equityUsd), num(r.initialMarginUsd), num(r.maintenanceMarginUsd), num(r.marginRatio), num(r.leverage), r.liquidatable]),
      note: 'Per-account figures are the run\'s float64 vectors (the vectorised path); totals above are their sums written to 2 decimals.',
    },
  });
  if (s.excluded.length) blocks.push({ kind: 'notice', text: `${s.excluded.length} position(s) are not margined by this model: ${s.excluded[0].reason}.` });
  return blocks;
}

export const marginAdapter: RunKindAdapter = {
  kind: MARGIN_RUN_KIND,
  title: 'Margin run',

  reportPart(run, store): RunReportPart {
    const inputs = recordedInputs<MarginInputs>(run, ['bookId', 'bookHash', 'modelId', 'modelHash', 'datasetId', 'seriesHashes', 'at']);
    const s = summaryOf(run, store);
    const runLabel = run.label || run.id;
    const detail = `${s.model.name} on ${s.bookName} at ${s.at}`;
    const figure = (id: string, value: Cell): KeyFigure => ({ id, value, runId: run.id, runLabel, detail });
    const config = (run.params as { model: MarginModelWire }).model;
    const synthetic = s.synthetic || (store.datasets.get(inputs.datasetId)?.synthetic ?? false);
    return {
      run: auditRecord(run), kindTitle: this.title, synthetic,
      keyFigures: [
        figure('initialMargin', { decimal: s.totals.initialMarginUsd, unit: 'usd' }),
        figure('maintenanceMargin', { decimal: s.totals.maintenanceMarginUsd, unit: 'usd' }),
        figure('liquidatableAccounts', { value: s.totals.liquidatable, unit: 'integer' }),
      ],
      methodology: marginMethodology(s.model.kind),
      parameters: [
        ['Book', `${s.bookName} (${s.bookId})`], ['Dataset', s.datasetId], ['Valuation date', s.at],
        ['Model', `${s.model.name} (${s.model.id}, ${s.model.kind})`], ...flattenParameters(config, 50, 'model'),
      ],
      results: { section: 'margin', blocks: resultBlocks(run, store, s) },
      comparison: {
        key: 'margin', title: 'Margin runs side by side',
        columns: [
          { key: 'run', label: 'Run', unit: 'text' }, { key: 'model', label: 'Model', unit: 'text' }, { key: 'book', label: 'Book', unit: 'text' },
          { key: 'at', label: 'Date', unit: 'date' }, { key: 'im', label: 'Initial margin', unit: 'usd' }, { key: 'mm', label: 'Maintenance margin', unit: 'usd' },
          { key: 'equity', label: 'Equity', unit: 'usd' }, { key: 'below', label: 'Accounts at or below MM', unit: 'integer' },
        ],
        row: [run.id, s.model.name, s.bookName, s.at, { decimal: s.totals.initialMarginUsd }, { decimal: s.totals.maintenanceMarginUsd }, { decimal: s.totals.equityUsd }, s.totals.liquidatable],
      },
      inputs: [
        { role: 'book', id: inputs.bookId, contentHash: inputs.bookHash },
        { role: 'model', id: inputs.modelId, contentHash: inputs.modelHash },
        ...Object.entries(inputs.seriesHashes).sort(([a], [b]) => a.localeCompare(b)).map(([asset, h]) => ({ role: `series ${asset}`, id: inputs.datasetId, contentHash: h })),
      ],
      provenance: provenanceRecords(store, inputs.datasetId, usedSeries(store, inputs)),
    };
  },

  collectInputs(run, store, into) {
    const inputs = recordedInputs<MarginInputs>(run, ['bookId', 'bookHash', 'datasetId', 'seriesHashes']);
    into.addBook(bundleBook(store, run.id, inputs.bookId, inputs.bookHash));
    for (const [asset, hash] of Object.entries(usedSeries(store, inputs))) into.addSeries(bundleSeries(store, run.id, inputs.datasetId, asset, hash));
  },

  async rerun(run, bundleInputs, ctx, problems) {
    const inputs = recordedInputs<MarginInputs>(run, ['bookId', 'bookHash', 'modelId', 'modelHash', 'datasetId', 'seriesHashes', 'at']);
    const config = (run.params as { model?: MarginModelWire } | null)?.model;
    const nowIso = ctx.now().toISOString();
    const book = bundleInputs.books.find((b) => b.id === inputs.bookId && b.contentHash === inputs.bookHash);
    if (!book) throw new InputError(`the bundle holds no book ${inputs.bookId} with hash ${inputs.bookHash.slice(0, 12)}…`);
    restoreDataset(ctx.store, bundleInputs, inputs.datasetId, seriesOfBook(book.book as BookWire, inputs.seriesHashes), problems, nowIso);
    restoreBook(ctx.store, bundleInputs, inputs.bookId, inputs.bookHash, problems, nowIso);
    if (!config) throw new Error(`run ${run.id}: its parameters hold no model configuration`);
    if (contentHash(config) !== inputs.modelHash) problems.push(`the model configuration in the parameters does not hash to the recorded model hash`);
    const preset = PRESETS.find((p) => p.id === inputs.modelId);
    if (preset) {
      // Presets ship with the app: a re-run uses this version's preset, which must be the one the run used.
      if (preset.contentHash !== inputs.modelHash) problems.push(`preset ${inputs.modelId} differs in this app version from the one the run used`);
    } else {
      ctx.store.transaction(() => ctx.store.models.put({ id: inputs.modelId, name: config.name, kind: config.kind, body: config, contentHash: contentHash(config), preset: false, provenance: null }, nowIso));
    }
    const out = await marginService(ctx).compute({ bookId: inputs.bookId, modelId: inputs.modelId, datasetId: inputs.datasetId, at: inputs.at });
    return out.resultHash;
  },
};
