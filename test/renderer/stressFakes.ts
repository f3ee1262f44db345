// A fake window.api for the Stress view. The stress run is the hand-worked three-account book of
// docs/methodology stress-book-runs ("Hand-worked example", test/core/stress/bookRun.test.ts): BTC
// 50,000 → 40,000, MMR 5 %, penalty 1 %, fund 5,000; A (10,000 USDT, long 2) ends with bad debt 10,000,
// B (11,000, long 1) pays a 400 penalty and gets 600 back, C (5,000, short 3) is auto-deleveraged by
// 4,600. correlation:shock is answered by the core's own shockCorrelation (Higham repair). Every
// answer is checked against the contract's output schema.
import { contract, type Channel } from '../../preload/contract';
import type { FakeHandler } from './fakeApi';
import { importMain } from './importMain';

type Input = Record<string, unknown>;
const valid = (channel: Channel, data: unknown) => ({ ok: true as const, data: contract[channel].output.parse(data) });

interface ShockResult {
  shocked: Float64Array; matrix: Float64Array; effectiveWeights: number[];
  repair: { iterations: number; frobeniusChange: number; maxChange: number; eigenvaluesBefore: Float64Array; eigenvaluesAfter: Float64Array; changedEntries: { i: number; j: number; before: number; after: number }[] };
}
const { shockCorrelation } = await importMain<{ shockCorrelation(base: unknown, ops: unknown[], o: { severity: number }): ShockResult }>('core/stress/correlationShock');
const { parseScenario } = await importMain<{ parseScenario(w: unknown): { shocks: { operations: unknown[] }[] } }>('core/stress/parseScenario');

export const DATASET = {
  id: 'ds-1', name: 'Sample market (SYNTHETIC, seed 20260101)', synthetic: true, createdAt: '2025-11-20T09:00:00.000Z',
  series: ['BTC', 'ETH', 'SOL', 'USDT'].map((asset) => ({
    asset, firstDate: '2019-01-01', lastDate: '2025-12-31', rows: 2557, format: 'synthetic' as const, sourceFile: `synthetic:${asset}`,
    contentHash: 'sha256:aaaabbbbccccdddd', importedAt: '2025-11-20T09:00:00.000Z', report: { gaps: [], missingDays: 0, badPrints: [], sourceOrder: 'ascending' as const },
  })),
};
export const BOOK = {
  id: 'sample-book-20260101', name: 'Sample book (SYNTHETIC)', synthetic: true, contentHash: 'sha256:1', source: 'generated (seed 20260101)',
  createdAt: '2025-11-20T09:00:00.000Z', accounts: 3, positions: 3, instruments: 1,
};
export const MODEL = { id: 'preset:tiered-test', name: 'Tiered 5 %', kind: 'tiered', preset: true, contentHash: 'sha256:00', provenance: null, createdAt: null, updatedAt: null };

/** The 3×3 base of the correlation fake (rows BTC, ETH, SOL). */
export const BASE = [[1, 0.8, 0.6], [0.8, 1, 0.7], [0.6, 0.7, 1]];

const row = (accountId: string, r: Partial<Record<string, unknown>>) => ({
  accountId, preShockEquityUsd: 0, scenarioPnlUsd: 0, postShockEquityUsd: 0, initialMarginUsd: 0, maintenanceMarginUsd: 0, marginRatio: null,
  shortfallUsd: 0, liquidated: false, liquidationRound: 0, equityAtLiquidationUsd: 0, liquidatedNotionalUsd: 0, impactCostUsd: 0, penaltyUsd: 0,
  badDebtUsd: 0, returnedEquityUsd: 0, adlUsd: 0, finalEquityUsd: 0, mc: null, ...r,
});

export const ACCOUNTS = [
  row('A', { preShockEquityUsd: 10_000, scenarioPnlUsd: -20_000, postShockEquityUsd: -10_000, initialMarginUsd: 8_000, maintenanceMarginUsd: 4_000, shortfallUsd: 14_000,
    liquidated: true, liquidationRound: 1, equityAtLiquidationUsd: -10_000, liquidatedNotionalUsd: 80_000, badDebtUsd: 10_000 }),
  row('B', { preShockEquityUsd: 11_000, scenarioPnlUsd: -10_000, postShockEquityUsd: 1_000, initialMarginUsd: 4_000, maintenanceMarginUsd: 2_000, marginRatio: 2, shortfallUsd: 1_000,
    liquidated: true, liquidationRound: 1, equityAtLiquidationUsd: 1_000, liquidatedNotionalUsd: 40_000, penaltyUsd: 400, returnedEquityUsd: 600, finalEquityUsd: 600 }),
  row('C', { preShockEquityUsd: 5_000, scenarioPnlUsd: 30_000, postShockEquityUsd: 35_000, initialMarginUsd: 12_000, maintenanceMarginUsd: 6_000, marginRatio: 6_000 / 35_000,
    adlUsd: 4_600, finalEquityUsd: 30_400 }),
];

export const RUN = {
  runId: 'run-stress-1', resultHash: 'f00dfeedcafe1234', durationMs: 12, bookId: BOOK.id, bookName: BOOK.name, synthetic: true,
  model: { id: MODEL.id, name: MODEL.name, kind: 'tiered' }, datasetId: 'ds-1', at: '2025-12-31',
  scenario: { id: null, name: 'BTC −20 %', contentHash: 'sha256:abc' }, severity: 1, penaltyRate: '0.01', insuranceFundUsd: '5000',
  cascade: { maxRounds: 5, depth: { BTC: { depthUsd: 1e9, impactCoefficient: 0.03, impactExponent: 0.5 } } },
  prices: { before: { BTC: 50_000 }, shocked: { BTC: 40_000 }, final: { BTC: 40_000 } },
  totals: {
    accounts: 3, accountsLiquidated: 2, notionalLiquidatedUsd: 120_000, badDebtUsd: 10_000, penaltiesUsd: 400, impactCostUsd: 0,
    insuranceFund: { initialUsd: 5_000, finalUsd: 0, drawdownUsd: 5_000, exhausted: true, exhaustedInRound: 1 },
    adl: { triggered: true, counterpartiesHit: 1, socialisedLossUsd: 4_600, residualBadDebtUsd: 0 }, stoppedBy: 'noNewLiquidation', unresolvedLiquidatable: 0,
  },
  conservation: {
    holds: true,
    // 10,000 = 400 + 5,000 + 4,600 + 0 (docs/methodology: the hand-worked example).
    losses: { accountLossesUsd: 10_000, penaltiesUsd: 400, fundDrawdownUsd: 5_000, adlUsd: 4_600, residualBadDebtUsd: 0, residualUsd: 0, toleranceUsd: 2e-5, holds: true },
    // −10,000 + 1,000 − 0 − 400 − 600 + 10,000 = 0.
    ledger: { equityAtLiquidationUsd: -9_000, impactCostUsd: 0, penaltiesUsd: 400, returnedEquityUsd: 600, badDebtUsd: 10_000, residualUsd: 0, toleranceUsd: 2e-5, holds: true },
  },
  topAccounts: [ACCOUNTS[0], ACCOUNTS[1], ACCOUNTS[2]],
  rounds: [{
    round: 1, accountsLiquidated: 2, notionalLiquidatedUsd: 120_000, impactCostUsd: 0, penaltiesUsd: 400, badDebtUsd: 10_000,
    fund: { fundBeforeUsd: 5_000, penaltiesUsd: 400, badDebtUsd: 10_000, paidUsd: 5_400, fundAfterUsd: 0, deficitUsd: 4_600 },
    assets: [{ asset: 'BTC', priceBeforeUsd: 40_000, priceAfterUsd: 40_000, priceChangePct: 0, netOrderCoin: -3, netOrderUsd: -120_000 }],
  }],
  // C: uPnL 30,000 on collateral 5,000 → fraction 6, leverage 120,000 / 35,000 = 3.4286, score 20.571.
  adlHits: [{ rank: 1, accountId: 'C', asset: 'BTC', side: 'short', unrealisedPnlUsd: 30_000, pnlFraction: 6, effectiveLeverage: 120_000 / 35_000, rankingScore: 6 * (120_000 / 35_000), amountUsd: 4_600 }],
  monteCarlo: null, seed: null, notes: [],
};

export const REVERSE = {
  runId: 'run-rev-1', resultHash: 'beefbeefbeef0001', durationMs: 30, bookId: BOOK.id, model: RUN.model, datasetId: 'ds-1', at: '2025-12-31',
  scenario: RUN.scenario, target: { kind: 'insuranceFund' }, severity: 0.6, bracket: { below: 0.5995, above: 0.6 }, severityBound: 4, priceViolation: null,
  curve: [0, 0.5, 0.5995, 0.6, 1, 2, 4].map((k, i) => ({
    severity: k, badDebtUsd: Math.max(0, (k - 0.5) * 25_000), deficitUsd: Math.max(0, (k - 0.6) * 25_000), accountsLiquidated: k > 0.4 ? 2 : 0,
    fundFinalUsd: 5_000, met: k >= 0.6, source: i === 2 || i === 3 ? 'bisection' : 'grid',
  })),
  nonMonotone: [], evaluations: 7, notes: [],
};

export const REPLAY = {
  episode: { id: 'covid-2020-03-12', name: 'COVID crash (Black Thursday)', anchorDate: '2020-03-12', from: '2020-03-12', to: '2020-03-16' },
  datasetId: 'ds-1', mode: 'closeToClose', horizonDays: 1,
  // −39.9055 % = 4320.31 / 7189.2 − 1.
  moves: [{ asset: 'BTC', fromDate: '2020-03-11', toDate: '2020-03-12', fromClose: 7189.2, toClose: 4320.31, returnPct: (4320.31 / 7189.2 - 1) * 100 }],
  missingAssets: [{ asset: 'SOL', reason: 'no close on 2020-03-11 (series starts 2020-04-10)' }],
  scenario: { schemaVersion: 1, name: 'COVID crash (Black Thursday) on Sample market', shocks: [{ type: 'price', shift: 'relative', assets: ['BTC'], shockPct: (4320.31 / 7189.2 - 1) * 100 }] },
};

function correlationShock(input: Input) {
  const assets = input.assets as string[];
  const idx = assets.map((a) => ['BTC', 'ETH', 'SOL'].indexOf(a));
  const matrix = Float64Array.from(idx.flatMap((i) => idx.map((j) => BASE[i][j])));
  const base = { assets, matrix, estimator: 'sample', lambda: null, from: '2019-01-02', to: '2025-12-31', observations: 2556 };
  const ops = parseScenario({ schemaVersion: 1, name: 'c', shocks: [{ type: 'correlation', base: input.base, operations: input.operations }] }).shocks[0].operations;
  const severity = (input.severity as number | undefined) ?? 1;
  const r = shockCorrelation(base, ops, { severity });
  const n = assets.length;
  const rows = (m: ArrayLike<number>) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => m[i * n + j]));
  return {
    base: { assets, matrix: rows(matrix), estimator: 'sample', lambda: null, from: base.from, to: base.to, observations: base.observations },
    shocked: rows(r.shocked), repaired: rows(r.matrix), change: rows(Float64Array.from(r.matrix, (x, k) => x - matrix[k])),
    effectiveWeights: r.effectiveWeights, severity,
    repair: {
      needed: r.repair.iterations > 0, iterations: r.repair.iterations, frobeniusChange: r.repair.frobeniusChange, maxChange: r.repair.maxChange,
      eigenvaluesBefore: Array.from(r.repair.eigenvaluesBefore), eigenvaluesAfter: Array.from(r.repair.eigenvaluesAfter),
      changedEntries: r.repair.changedEntries.map((e) => ({ ...e, assets: [assets[e.i], assets[e.j]] })),
    },
  };
}

/** stress:accounts over the three accounts: filter, liquidated-only, sort and page as the service does. */
function accountsPage(input: Input) {
  const key = (input.sortBy as string | undefined) ?? 'shortfallUsd';
  const desc = (input.descending as boolean | undefined) ?? true;
  let rows = ACCOUNTS.filter((r) => (!input.onlyLiquidated || r.liquidated) && (!input.filter || r.accountId.includes(input.filter as string)));
  rows = [...rows].sort((a, b) => {
    const x = (a as Record<string, unknown>)[key] ?? -Infinity;
    const y = (b as Record<string, unknown>)[key] ?? -Infinity;
    return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
  });
  const offset = (input.offset as number | undefined) ?? 0;
  return { total: rows.length, rows: rows.slice(offset, offset + ((input.limit as number | undefined) ?? 500)) };
}

export function stressHandlers(): Partial<Record<Channel, FakeHandler>> {
  const saved: Record<string, unknown>[] = [];
  return {
    'dataset:list': () => valid('dataset:list', { datasets: [DATASET] }),
    'book:list': () => valid('book:list', { books: [BOOK] }),
    // The view only lists models (ids and names); the configuration is not read.
    'model:list': () => ({ ok: true, data: { models: [{ ...MODEL, config: { kind: 'tiered', name: MODEL.name } }] } }),
    'scenario:list': () => valid('scenario:list', { scenarios: saved }),
    'episode:list': () => valid('episode:list', { episodes: [REPLAY.episode] }),
    'episode:replay': () => valid('episode:replay', REPLAY),
    'scenario:validate': () => valid('scenario:validate', { valid: true, issues: [], contentHash: 'sha256:0123456789abcdef', assets: [] }),
    'scenario:save': (i) => {
      const scenario = i.scenario as { name: string; shocks: { type: string }[] };
      const rec = {
        id: 'scn-1', name: scenario.name, description: '', source: '', shockCount: scenario.shocks.length, shockTypes: [...new Set(scenario.shocks.map((s) => s.type))],
        contentHash: 'sha256:0123456789abcdef', createdAt: '2025-11-25T10:00:00.000Z', updatedAt: '2025-11-25T10:00:00.000Z',
      };
      saved.splice(0, saved.length, rec);
      return valid('scenario:save', { ...rec, scenario });
    },
    'correlation:shock': (i) => valid('correlation:shock', correlationShock(i)),
    'stress:run': () => valid('stress:run', RUN),
    'stress:accounts': (i) => valid('stress:accounts', accountsPage(i)),
    'stress:reverse': () => valid('stress:reverse', REVERSE),
    'job:cancel': () => valid('job:cancel', { cancelled: true }),
  };
}
