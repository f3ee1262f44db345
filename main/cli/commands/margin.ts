import { InputError } from '../../core/errors';
import type { Command } from '../command';
import { boolFlag, requiredString, stringFlag } from '../flags';
import { resolveBookId, resolveDatasetId, resolveModelId } from '../inputs';

/** `mwb margin`: one model over a book at a date — per-account figures with explain, plus book totals. */
export const margin: Command = {
  path: ['margin'],
  summary: 'Margin a book under a model: per-account IM, MM, equity, margin ratio, liquidation prices, explain; book totals',
  usage: 'mwb margin --book FILE|ID --model FILE|ID --prices DIR|DATASET [--at DATE] [--no-explain] [--json]',
  options: { book: { type: 'string' }, model: { type: 'string' }, prices: { type: 'string' }, at: { type: 'string' }, 'no-explain': { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const at = stringFlag(args, 'at');
    if (at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(at)) throw new InputError(`--at "${at}" must be a date written YYYY-MM-DD`);
    const bookId = resolveBookId(ctx, requiredString(args, 'book'));
    const modelId = resolveModelId(ctx, requiredString(args, 'model'));
    const datasetId = await resolveDatasetId(ctx, requiredString(args, 'prices'));
    const s = ctx.workbench().services.margin;
    const run = await s.compute({ bookId, modelId, datasetId, ...(at ? { at } : {}) });
    const page = s.accounts({ runId: run.runId, offset: 0, limit: 100_000, sortBy: 'accountId', descending: false, onlyLiquidatable: false });
    const withExplain = !boolFlag(args, 'no-explain');
    const accounts = page.rows.map((row) => {
      if (!withExplain) return row;
      const e = s.explain({ runId: run.runId, accountId: row.accountId });
      return { ...row, liquidationPrices: liquidationPricesOf(e.detail), explain: { drivers: e.drivers, components: e.components, summary: e.summary } };
    });
    return { ...run, accounts };
  },
  text(result) {
    const r = result as { model: { name: string }; bookName: string; at: string; totals: Record<string, unknown>; runId: string };
    return [`${r.bookName} under ${r.model.name} at ${r.at} (run ${r.runId})`, ...Object.entries(r.totals).map(([k, v]) => `  ${k.padEnd(22)} ${String(v)}`)].join('\n');
  },
};

/** Liquidation prices from a tiered explain (cross: per underlying; isolated: per position); other models have none. */
function liquidationPricesOf(detail: unknown): { instrumentOrUnderlying: string; down: string | null; up: string | null; bankruptcy: string | null }[] {
  const d = detail as { kind?: string; cross?: { underlying: string; liquidationPriceDown: string | null; liquidationPriceUp: string | null; bankruptcyPrice: string | null }[];
    positions?: { instrumentId: string; isolated?: { liquidationPrice: string | null; bankruptcyPrice: string | null } }[] };
  if (d.kind !== 'tiered') return [];
  const cross = (d.cross ?? []).map((c) => ({ instrumentOrUnderlying: c.underlying, down: c.liquidationPriceDown, up: c.liquidationPriceUp, bankruptcy: c.bankruptcyPrice }));
  const isolated = (d.positions ?? []).filter((p) => p.isolated).map((p) => ({ instrumentOrUnderlying: p.instrumentId, down: p.isolated!.liquidationPrice, up: null, bankruptcy: p.isolated!.bankruptcyPrice }));
  return [...cross, ...isolated];
}
