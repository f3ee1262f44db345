import type {
  ParsedInputOf, StressAccountRow, StressPenaltySweepOutput, StressReverseOutput, StressRunOutput, StressedPeriodOutput,
} from '../../../preload/contract';
import { bookToWire } from '../../core/book/wire';
import { InputError, NotFoundError } from '../../core/errors';
import { parseDec } from '../../core/money/decimal';
import type { PenaltySweepResult } from '../../core/stress/penaltySweep';
import type { ReverseStressResult } from '../../core/stress/reverseStress';
import type { ScenarioWire } from '../../core/stress/scenario';
import type { ServiceContext } from '../context';
import { marketContext } from '../market';
import { tracked } from '../tracked';
import { bookAssets, depthFor, loadBook, loadRunInputs, type CascadeSpec, type LoadedInputs } from './inputs';
import { monteCarloOnPool } from './monteCarloParts';
import type { MonteCarloPrepared, MonteCarloSpecInput } from './monteCarloWork';
import { accountVectorsOf, stressRunOutput, type StoredStressSummary } from './output';
import { ACCOUNT_VECTORS, MC_ACCOUNT_VECTORS, pageAccountRows } from './rows';
import type { StressedPeriodResult } from './stressedPeriodWork';
import type { BookRunTaskResult } from './work';

export const STRESS_RUN_KIND = 'stress';
export const REVERSE_STRESS_RUN_KIND = 'reverseStress';

/** Largest USD amount (and rate) the stress engine takes: float64 sums of larger ones overflow to Infinity. */
const MAX_STRESS_AMOUNT = 1e15;

const decimal = (text: string, what: string): number => {
  const value = parseDec(text, what).toNumber();
  if (!(Math.abs(value) <= MAX_STRESS_AMOUNT)) throw new InputError(`${what}: "${text}" is beyond ±1e15, the largest amount a stress run takes`);
  return value;
};

function cascadeOf(ctx: ServiceContext, loaded: LoadedInputs, input: ParsedInputOf<'stress:run'> | ParsedInputOf<'stress:reverse'> | ParsedInputOf<'stress:penaltySweep'>): CascadeSpec | null {
  return input.cascade ? { maxRounds: input.maxRounds, depth: depthFor(ctx, loaded, input.depth) } : null;
}

function headerOf(loaded: LoadedInputs) {
  return {
    bookId: loaded.book.id, model: { id: loaded.model.id, name: loaded.model.name, kind: loaded.model.kind }, datasetId: loaded.dataset.id,
    at: loaded.market.snapshot.date, scenario: { id: loaded.scenario.id, name: loaded.scenario.wire.name, contentHash: loaded.scenario.contentHash },
  };
}

/** Cancels the parts of a job still running (after one part failed, the others are wasted work). */
function cancelParts(ctx: ServiceContext, jobId: string): void {
  for (const j of ctx.pool.list()) if (j.jobId.startsWith(`${jobId}-part-`)) ctx.pool.cancel(j.jobId);
}

/** Book stress runs, Monte Carlo, reverse stress, penalty sweep and the stressed-period finder. */
export function stressService(ctx: ServiceContext) {
  const loadRun = (runId: string, kind: string) => {
    const run = ctx.store.runs.get(runId);
    if (!run || run.kind !== kind) throw new NotFoundError(`no ${kind} run with id "${runId}"`);
    if (run.status !== 'succeeded') throw new InputError(`${kind} run ${runId} is ${run.status}; it has no results`);
    return run;
  };

  return {
    /** One book under one scenario (optionally with cascade and Monte Carlo); recorded as a 'stress' run. */
    async run(input: ParsedInputOf<'stress:run'>): Promise<StressRunOutput> {
      const t0 = ctx.now().getTime();
      const loaded = loadRunInputs(ctx, input);
      const penaltyRate = decimal(input.penaltyRate, 'penaltyRate');
      const insuranceFundUsd = decimal(input.insuranceFundUsd, 'insuranceFundUsd');
      const cascade = cascadeOf(ctx, loaded, input);
      const mc = input.monteCarlo as MonteCarloSpecInput | undefined;
      const n = loaded.book.accounts.length;
      const kind = 'stress:run';
      const { runId } = await tracked(ctx, {
        kind,
        jobId: input.jobId,
        work: async (jobId, onProgress) => {
          const total = 2 + (mc ? n : 0);
          let done = 0;
          const step = (units: number, message: string): void => {
            done += units;
            onProgress(done, total, message);
          };
          const bookRun = ctx.pool.run<BookRunTaskResult>('stress:bookRun', { ...loaded.payload, penaltyRate, insuranceFundUsd, cascade }, { jobId: `${jobId}-part-0`, kind })
            .then((r) => { step(1, `book run: ${r.run.totals.accountsLiquidated.toLocaleString('en-US')} accounts liquidated`); return r; });
          const monteCarlo = mc ? (async () => {
            const prep = await ctx.pool.run<MonteCarloPrepared>('stress:monteCarloPrepare', { ...loaded.payload, penaltyRate, insuranceFundUsd, mc }, { jobId: `${jobId}-part-1`, kind });
            step(1, `Monte Carlo: ${mc.scenarios.toLocaleString('en-US')} scenarios drawn`);
            let last = 0;
            const result = await monteCarloOnPool(ctx.pool, prep.prepared, {
              jobId, kind, firstPart: 2,
              onAccounts: (accounts) => {
                step(accounts - last, `Monte Carlo: ${accounts.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} accounts`);
                last = accounts;
              },
            });
            return { result, meta: { annualVol: prep.annualVol, correlation: prep.correlation }, volSource: mc.volSource };
          })() : Promise.resolve(null);
          try {
            const [book, mcResult] = await Promise.all([bookRun, monteCarlo]);
            return { book, mc: mcResult };
          } catch (err) {
            cancelParts(ctx, jobId);
            throw err;
          }
        },
      }, {
        runKind: STRESS_RUN_KIND,
        label: `${loaded.bookName} · ${loaded.model.name} · ${loaded.scenario.wire.name} · ${loaded.market.snapshot.date}`,
        inputs: loaded.inputs,
        params: {
          severity: input.severity, penaltyRate: input.penaltyRate, insuranceFundUsd: input.insuranceFundUsd,
          cascade: input.cascade ? { maxRounds: input.maxRounds, depth: input.depth } : null, monteCarlo: mc ?? null, topAccounts: input.topAccounts,
        },
        seed: mc?.seed ?? null,
        toOutput: ({ book, mc: mcResult }) => stressRunOutput({
          ...headerOf(loaded), bookName: loaded.bookName, synthetic: loaded.synthetic,
          penaltyRate: input.penaltyRate, insuranceFundUsd: input.insuranceFundUsd,
          cascade: cascade ? { maxRounds: cascade.maxRounds, depth: cascade.depth } : null,
          pricesBefore: loaded.market.snapshot.spot, shockedSpot: book.shockedSpot, topAccounts: input.topAccounts,
        }, book.run, mcResult),
      });
      return { ...this.get({ runId: runId! }), durationMs: ctx.now().getTime() - t0 };
    },

    /** A stored stress run's output, as stress:run returned it. */
    get(input: { runId: string }): StressRunOutput {
      const run = loadRun(input.runId, STRESS_RUN_KIND);
      const summary = ctx.store.runs.summaries(run.id).summary as StoredStressSummary;
      return { runId: run.id, resultHash: run.resultHash!, durationMs: run.durationMs ?? 0, ...summary };
    },

    /** One page of a stress run's per-account table, sorted and filtered server-side. */
    accounts(input: ParsedInputOf<'stress:accounts'>): { total: number; rows: StressAccountRow[] } {
      const run = loadRun(input.runId, STRESS_RUN_KIND);
      const meta = ctx.store.runs.summaries(run.id).accounts as { ids: string[]; confidences: number | null };
      const names = [...ACCOUNT_VECTORS, ...(meta.confidences === null ? [] : MC_ACCOUNT_VECTORS)];
      const vectors = Object.fromEntries(names.map((name) => {
        const v = ctx.store.runs.vector(run.id, name);
        if (!v) throw new Error(`stress run ${run.id} has no ${name} vector`);
        return [name, v];
      }));
      return pageAccountRows(accountVectorsOf(meta.ids, vectors, meta.confidences), input);
    },

    /** Smallest severity that exhausts the fund or pushes bad debt over a threshold; recorded as 'reverseStress'. */
    async reverse(input: ParsedInputOf<'stress:reverse'>): Promise<StressReverseOutput> {
      const t0 = ctx.now().getTime();
      const loaded = loadRunInputs(ctx, input);
      const cascade = cascadeOf(ctx, loaded, input);
      const criterion = input.target.kind === 'insuranceFund'
        ? { kind: 'fundExhausted' as const }
        : { kind: 'badDebtAbove' as const, thresholdUsd: decimal(input.target.thresholdUsd, 'target.thresholdUsd') };
      const payload = {
        ...loaded.payload, penaltyRate: decimal(input.penaltyRate, 'penaltyRate'), insuranceFundUsd: decimal(input.insuranceFundUsd, 'insuranceFundUsd'),
        cascade, criterion, severityMax: input.severityMax, gridPoints: input.gridPoints, tolerance: input.tolerance,
      };
      const { runId } = await tracked(ctx, {
        kind: 'stress:reverse',
        jobId: input.jobId,
        work: (jobId, onProgress) => ctx.pool.run<ReverseStressResult>('stress:reverse', payload, {
          jobId, kind: 'stress:reverse', onProgress: (p) => onProgress(p.done, p.total, p.message),
        }),
      }, {
        runKind: REVERSE_STRESS_RUN_KIND,
        label: `${loaded.bookName} · ${loaded.model.name} · reverse ${loaded.scenario.wire.name} · ${loaded.market.snapshot.date}`,
        inputs: loaded.inputs,
        params: {
          penaltyRate: input.penaltyRate, insuranceFundUsd: input.insuranceFundUsd, target: input.target, severityMax: input.severityMax,
          gridPoints: input.gridPoints, tolerance: input.tolerance, cascade: input.cascade ? { maxRounds: input.maxRounds, depth: input.depth } : null,
        },
        toOutput: (r) => {
          const summary: Omit<StressReverseOutput, 'runId' | 'resultHash' | 'durationMs'> = {
            ...headerOf(loaded), target: input.target, severity: r.severity, bracket: r.bracket, severityBound: r.severityBound,
            priceViolation: r.priceViolation, curve: r.curve, nonMonotone: r.nonMonotone, evaluations: r.evaluations, notes: r.notes,
          };
          return {
            summaries: { summary },
            vectors: {
              'curve.severity': Float64Array.from(r.curve, (p) => p.severity), 'curve.badDebtUsd': Float64Array.from(r.curve, (p) => p.badDebtUsd),
              'curve.deficitUsd': Float64Array.from(r.curve, (p) => p.deficitUsd),
            },
          };
        },
      });
      const run = ctx.store.runs.get(runId!)!;
      const summary = ctx.store.runs.summaries(run.id).summary as Omit<StressReverseOutput, 'runId' | 'resultHash' | 'durationMs'>;
      return { runId: run.id, resultHash: run.resultHash!, durationMs: ctx.now().getTime() - t0, ...summary };
    },

    /** The same shocked run at each penalty rate: cost to liquidated users against uncovered loss. */
    async penaltySweep(input: ParsedInputOf<'stress:penaltySweep'>): Promise<StressPenaltySweepOutput> {
      const t0 = ctx.now().getTime();
      const loaded = loadRunInputs(ctx, input);
      const rates = input.rates.map((r, i) => decimal(r, `rates[${i}]`));
      const payload = { ...loaded.payload, insuranceFundUsd: decimal(input.insuranceFundUsd, 'insuranceFundUsd'), cascade: cascadeOf(ctx, loaded, input), rates };
      const { result } = await tracked(ctx, {
        kind: 'stress:penaltySweep',
        jobId: input.jobId,
        work: (jobId, onProgress) => ctx.pool.run<PenaltySweepResult>('stress:penaltySweep', payload, {
          jobId, kind: 'stress:penaltySweep', onProgress: (p) => onProgress(p.done, p.total, p.message),
        }),
      });
      const minimal = result.minimalRate === null ? null : input.rates[rates.indexOf(result.minimalRate)]!;
      return {
        ...headerOf(loaded), severity: input.severity,
        rows: result.rows.map((r, i) => ({ ...r, penaltyRate: input.rates[i]! })),
        minimalRate: minimal, durationMs: ctx.now().getTime() - t0,
      };
    },

    /** The worst window of `windowDays` returns for the book (full revaluation), with its savable scenario. */
    async stressedPeriod(input: ParsedInputOf<'stress:stressedPeriod'>): Promise<StressedPeriodOutput> {
      const t0 = ctx.now().getTime();
      const { book } = loadBook(ctx, input.bookId);
      const market = marketContext(ctx, input.datasetId, bookAssets(book), input.at);
      const { result } = await tracked(ctx, {
        kind: 'stress:stressedPeriod',
        jobId: input.jobId,
        work: (jobId, onProgress) => ctx.pool.run<StressedPeriodResult>('stress:stressedPeriod', {
          book: bookToWire(book), snapshot: market.snapshot, history: market.history, windowDays: input.windowDays,
        }, { jobId, kind: 'stress:stressedPeriod', onProgress: (p) => onProgress(p.done, p.total, p.message) }),
      });
      const dataset = ctx.store.datasets.get(input.datasetId) ?? ctx.store.datasets.findByName(input.datasetId)!;
      const scenario: ScenarioWire = {
        schemaVersion: 1,
        name: `Stressed period ${result.from} to ${result.to} (${input.windowDays}-day window)`,
        description: `Worst ${input.windowDays}-day window of ${dataset.name} for book ${book.name} (loss ${result.loss.toFixed(2)} USD at the positions of ${market.snapshot.date}).`,
        source: `stress:stressedPeriod ${result.from}..${result.to}`,
        shocks: Object.entries(result.returnsPct).map(([asset, pct]) => ({ type: 'price', shift: 'relative', assets: [asset], shockPct: pct })),
      };
      return {
        bookId: book.id, datasetId: dataset.id, windowDays: input.windowDays, from: result.from, to: result.to, lossUsd: result.loss,
        returnsPct: result.returnsPct, windowsEvaluated: result.windowsEvaluated, dataFrom: result.dataFrom, dataTo: result.dataTo,
        window: { from: result.from, to: result.to, anchorDate: result.to }, scenario: scenario as StressedPeriodOutput['scenario'],
        durationMs: ctx.now().getTime() - t0,
      };
    },
  };
}
