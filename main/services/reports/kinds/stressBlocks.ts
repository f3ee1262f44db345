/**
 * The "Stress results" blocks of one stress run (kind 'stress'), read from its stored summary
 * (services/stress/output.ts): totals, prices, where the bad debt went (a waterfall-style bar chart of
 * the conservation identity), the cascade round by round with the insurance-fund path, the accounts
 * with the largest shortfall, ADL hits and, with a Monte Carlo, its settings and distributions.
 */
import type { Block, Cell, Table } from '../../../core/report';
import { formatValue, num } from '../../../core/report';
import type { StoredStressSummary } from '../../stress/output';

const TOP_ROWS = 10;
const MAX_ROUND_ROWS = 100;

const usd = (x: number): Cell => ({ value: x, unit: 'usd' });
const int = (x: number): Cell => ({ value: x, unit: 'integer' });
const pctText = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(2)} %`;

function measureTable(id: string, title: string, rows: Cell[][], note?: string): Block {
  const table: Table = {
    id, title, columns: [{ key: 'measure', label: 'Measure', unit: 'text' }, { key: 'value', label: 'Value', unit: 'text' }], rows,
    ...(note ? { note } : {}),
  };
  return { kind: 'table', table };
}

/** Book totals of the run; `worstLossUsd` = Σ max(0, −ΔPnL_k) over accounts (see the methodology). */
function totalsTable(s: StoredStressSummary, worstLossUsd: number): Block {
  const t = s.totals;
  const f = t.insuranceFund;
  const c = s.conservation;
  return measureTable('stress-totals', `Totals — ${s.scenario.name} × ${s.severity} on ${s.bookName} at ${s.at}`, [
    ['Accounts', int(t.accounts)],
    ['Worst stress loss (losses of the accounts that lose at the shocked prices)', usd(worstLossUsd)],
    ['Accounts liquidated', int(t.accountsLiquidated)],
    ['Notional liquidated', usd(t.notionalLiquidatedUsd)],
    ['Bad debt', usd(t.badDebtUsd)],
    ['Penalties paid to the insurance fund', usd(t.penaltiesUsd)],
    ['Market-impact cost of the liquidations', usd(t.impactCostUsd)],
    ['Insurance fund at the start', usd(f.initialUsd)],
    ['Insurance fund at the end', usd(f.finalUsd)],
    ['Insurance-fund drawdown (start − end)', usd(f.drawdownUsd)],
    ['Insurance fund exhausted', f.exhausted ? `yes, in round ${f.exhaustedInRound}` : 'no'],
    ['ADL triggered', t.adl.triggered],
    ['ADL counterparties hit', int(t.adl.counterpartiesHit)],
    ['Loss socialised by ADL', usd(t.adl.socialisedLossUsd)],
    ['Residual bad debt (absorbed by nobody)', usd(t.adl.residualBadDebtUsd)],
    ['Rounds', int(s.rounds.length)],
    ['Cascade stopped by', t.stoppedBy === 'maxRounds' ? `the round limit (${s.cascade?.maxRounds ?? 1})` : 'a round with no new liquidation'],
    ['Accounts still liquidatable after the last round', int(t.unresolvedLiquidatable)],
    ['Conservation: Σ bad debt = penalties + fund drawdown + ADL + residual', `${c.losses.holds ? 'holds' : 'FAILS'} (residual ${c.losses.residualUsd.toExponential(2)} USD)`],
    ['Conservation: liquidation ledger', `${c.ledger.holds ? 'holds' : 'FAILS'} (residual ${c.ledger.residualUsd.toExponential(2)} USD)`],
  ], 'Stress figures are float64 estimates in USD (a stress run settles nothing); residuals are checked against 1e-9 × (1 + Σ|terms|).');
}

function pricesTable(s: StoredStressSummary): Block {
  const assets = Object.keys(s.prices.before).sort();
  const change = (to: number, from: number): Cell => (from > 0 && Number.isFinite(to) ? { value: to / from - 1, unit: 'fraction' } : null);
  return {
    kind: 'table',
    table: {
      id: 'stress-prices', title: 'Index prices: before the shock, shocked, and after the cascade',
      columns: [
        { key: 'asset', label: 'Asset', unit: 'text' }, { key: 'before', label: 'Before (USD)', unit: 'number' }, { key: 'shocked', label: 'Shocked (USD)', unit: 'number' },
        { key: 'final', label: 'After the last round (USD)', unit: 'number' }, { key: 'shock', label: 'Shock', unit: 'text' }, { key: 'cascade', label: 'Cascade move', unit: 'text' },
      ],
      rows: assets.map((a): Cell[] => {
        const before = s.prices.before[a]!;
        const shocked = s.prices.shocked[a] ?? null;
        const final = s.prices.final[a] ?? shocked;
        return [a, num(before), num(shocked), num(final), shocked === null ? null : change(shocked, before), shocked === null || final === null ? null : change(final, shocked)];
      }),
    },
  };
}

/** The conservation identity as bars: the bad debt, then what covered it. */
function waterfallChart(s: StoredStressSummary): Block {
  const t = s.totals;
  return {
    kind: 'chart',
    chart: {
      kind: 'bar', id: 'stress-loss-waterfall', title: 'Where the bad debt went: bad debt = penalties + fund drawdown + ADL + residual',
      categories: ['Bad debt', 'Penalties to the fund', 'Insurance-fund drawdown', 'Socialised by ADL', 'Residual (uncovered)'],
      xLabel: 'Loss allocation (a negative drawdown means penalties grew the fund)', y: { label: 'Amount', unit: 'usd' },
      series: [{ name: 'Amount', values: [t.badDebtUsd, t.penaltiesUsd, t.insuranceFund.drawdownUsd, t.adl.socialisedLossUsd, t.adl.residualBadDebtUsd] }],
    },
  };
}

function cascadeBlocks(s: StoredStressSummary): Block[] {
  if (s.rounds.length === 0) return [];
  const rounds = s.rounds.slice(0, MAX_ROUND_ROWS);
  const moves = (r: StoredStressSummary['rounds'][number]): string => r.assets.map((a) => `${a.asset} ${pctText(a.priceChangePct)}`).join(', ') || 'none';
  const blocks: Block[] = [{ kind: 'heading', text: s.cascade ? `Liquidation cascade (at most ${s.cascade.maxRounds} rounds)` : 'Liquidation (one round at the shocked prices, no market impact)' }, {
    kind: 'table',
    table: {
      id: 'stress-rounds', title: 'Rounds: liquidations, losses and the insurance fund',
      columns: [
        { key: 'round', label: 'Round', unit: 'integer' }, { key: 'accounts', label: 'Accounts liquidated', unit: 'integer' },
        { key: 'notional', label: 'Notional liquidated', unit: 'usd' }, { key: 'impact', label: 'Impact cost', unit: 'usd' },
        { key: 'penalties', label: 'Penalties', unit: 'usd' }, { key: 'badDebt', label: 'Bad debt', unit: 'usd' },
        { key: 'fundBefore', label: 'Fund before', unit: 'usd' }, { key: 'paid', label: 'Paid by the fund', unit: 'usd' },
        { key: 'fundAfter', label: 'Fund after', unit: 'usd' }, { key: 'deficit', label: 'Deficit (to ADL)', unit: 'usd' },
        { key: 'moves', label: 'Price moves from the round\'s orders', unit: 'text' },
      ],
      rows: rounds.map((r): Cell[] => [r.round, r.accountsLiquidated, r.notionalLiquidatedUsd, r.impactCostUsd, r.penaltiesUsd, r.badDebtUsd,
        r.fund.fundBeforeUsd, r.fund.paidUsd, r.fund.fundAfterUsd, r.fund.deficitUsd, moves(r)]),
      ...(s.rounds.length > MAX_ROUND_ROWS ? { note: `First ${MAX_ROUND_ROWS} of ${s.rounds.length} rounds.` } : {}),
    },
  }, {
    kind: 'chart',
    chart: {
      kind: 'bar', id: 'stress-rounds-chart', title: 'Bad debt per round: paid by the insurance fund, and the deficit left for ADL',
      categories: rounds.map((r) => `Round ${r.round}`), xLabel: 'Cascade round', y: { label: 'Amount', unit: 'usd' },
      series: [
        { name: 'Bad debt', values: rounds.map((r) => r.badDebtUsd) }, { name: 'Paid by the fund', values: rounds.map((r) => r.fund.paidUsd) },
        { name: 'Deficit (to ADL)', values: rounds.map((r) => r.fund.deficitUsd) },
      ],
    },
  }, {
    kind: 'chart',
    chart: {
      kind: 'line', id: 'stress-fund-path', title: 'Insurance-fund path (penalties credited, then bad debt paid, each round)',
      dates: ['Start', ...rounds.map((r) => `After round ${r.round}`)], y: { label: 'Insurance fund', unit: 'usd' },
      series: [{ name: 'Insurance fund', values: [s.totals.insuranceFund.initialUsd, ...rounds.map((r) => r.fund.fundAfterUsd)], style: 'line' }],
    },
  }];
  return blocks;
}

function topAccountsTable(s: StoredStressSummary): Block {
  const top = s.topAccounts.slice(0, TOP_ROWS);
  return {
    kind: 'table',
    table: {
      id: 'stress-top-accounts', title: `The ${top.length} accounts with the largest margin shortfall after the shock`,
      columns: [
        { key: 'account', label: 'Account', unit: 'text' }, { key: 'pre', label: 'Equity before', unit: 'usd' }, { key: 'pnl', label: 'Scenario PnL', unit: 'usd' },
        { key: 'post', label: 'Equity after', unit: 'usd' }, { key: 'mm', label: 'Maintenance margin', unit: 'usd' }, { key: 'shortfall', label: 'Shortfall', unit: 'usd' },
        { key: 'round', label: 'Liquidated in round', unit: 'integer' }, { key: 'badDebt', label: 'Bad debt', unit: 'usd' },
        { key: 'penalty', label: 'Penalty', unit: 'usd' }, { key: 'adl', label: 'ADL', unit: 'usd' }, { key: 'final', label: 'Final equity', unit: 'usd' },
      ],
      rows: top.map((r): Cell[] => [r.accountId, r.preShockEquityUsd, r.scenarioPnlUsd, r.postShockEquityUsd, r.maintenanceMarginUsd, r.shortfallUsd,
        r.liquidated ? r.liquidationRound : null, r.badDebtUsd, r.penaltyUsd, r.adlUsd, r.finalEquityUsd]),
      note: 'Shortfall = max(0, maintenance margin − equity after the shock); the full per-account table is in the run (stress:accounts).',
    },
  };
}

function adlTable(s: StoredStressSummary): Block[] {
  if (s.adlHits.length === 0) return [];
  const hits = s.adlHits.slice(0, TOP_ROWS);
  return [{
    kind: 'table',
    table: {
      id: 'stress-adl', title: `Auto-deleveraging: the first ${hits.length} of ${s.totals.adl.counterpartiesHit} counterparties hit, in queue order`,
      columns: [
        { key: 'rank', label: 'Rank', unit: 'integer' }, { key: 'account', label: 'Account', unit: 'text' }, { key: 'asset', label: 'Asset', unit: 'text' },
        { key: 'side', label: 'Side', unit: 'text' }, { key: 'upnl', label: 'Unrealised PnL', unit: 'usd' }, { key: 'pnlPct', label: 'PnL / collateral', unit: 'ratio' },
        { key: 'leverage', label: 'Effective leverage', unit: 'ratio' }, { key: 'amount', label: 'ADL amount', unit: 'usd' },
      ],
      rows: hits.map((h): Cell[] => [h.rank, h.accountId, h.asset, h.side, h.unrealisedPnlUsd, num(h.pnlFraction), h.effectiveLeverage, h.amountUsd]),
    },
  }];
}

/** Monte Carlo: settings, book distributions at the quantile levels, the bad-debt histogram, the accounts with the largest ES. */
function monteCarloBlocks(s: StoredStressSummary): Block[] {
  const m = s.monteCarlo;
  if (!m) return [];
  const dof = (x: { kind: string; dof: number | null }): string => (x.dof === null ? x.kind : `${x.kind} (ν = ${x.dof})`);
  const blocks: Block[] = [{ kind: 'heading', text: `Monte Carlo: ${m.scenarios.toLocaleString('en-US')} scenarios, seed ${m.seed}` }, measureTable('stress-mc-settings', 'Monte Carlo settings and book figures', [
    ['Scenarios', int(m.scenarios)], ['Seed', String(m.seed)], ['Horizon (days)', int(m.horizonDays)], ['Copula', dof(m.copula)], ['Marginals', dof(m.marginal)],
    ['Volatility source', m.volSource], ['Simulated assets', m.simulatedAssets.join(', ')], ['Assets held fixed', m.fixedAssets.join(', ') || 'none'],
    ['Correlation', `${m.correlation.estimator}${m.correlation.lambda === null ? '' : ` (λ ${m.correlation.lambda})`}${m.correlation.shocked ? ', with the scenario\'s correlation shock' : ''}`],
    ['Factorisation', m.factorization], ['Maintenance margin per scenario', m.maintenance === 'perScenario' ? 'recomputed at each scenario\'s prices' : 'held at the start'],
    ['Probability the insurance fund is exhausted', { value: m.book.probabilityFundExhausted, unit: 'fraction' }],
    ['Mean accounts liquidated per scenario', { value: m.book.meanAccountsLiquidated, unit: 'number' }],
    ['Accounts with a liquidation probability above 0', int(m.accounts.accountsWithLiquidationRisk)],
    ['Engine result hash (FNV-1a 64)', m.hash],
  ])];
  const b = m.book;
  const level = (q: number): string => formatValue(q, 'fraction');
  blocks.push({
    kind: 'table',
    table: {
      id: 'stress-mc-quantiles', title: 'Monte Carlo book distributions over the scenarios (type-7 quantiles)',
      columns: [
        { key: 'statistic', label: 'Statistic', unit: 'text' }, { key: 'badDebt', label: 'Bad debt', unit: 'usd' },
        { key: 'drawdown', label: 'Insurance-fund drawdown', unit: 'usd' }, { key: 'deficit', label: 'Deficit (uncovered by the fund)', unit: 'usd' },
        { key: 'var', label: `Account VaR ${level(m.confidence[0]!)} (across accounts)`, unit: 'usd' },
      ],
      rows: [
        ['Mean', b.badDebtUsd.mean, b.fundDrawdownUsd.mean, b.deficitUsd.mean, m.accounts.valueAtRiskUsd.mean],
        ...m.quantileLevels.map((q, i): Cell[] => [`${level(q)} quantile`, b.badDebtUsd.quantiles[i]!, b.fundDrawdownUsd.quantiles[i]!, b.deficitUsd.quantiles[i]!,
          m.accounts.valueAtRiskUsd.quantiles[i]!]),
        ['Maximum', b.badDebtUsd.max, b.fundDrawdownUsd.max, b.deficitUsd.max, m.accounts.valueAtRiskUsd.max],
      ],
      note: 'Book columns: one value per simulated scenario (one liquidation round, no cascade or ADL per scenario). Last column: the spread of the accounts\' own VaR across accounts.',
    },
  });
  const h = b.badDebtUsd.histogram;
  blocks.push({
    kind: 'chart',
    chart: {
      kind: 'bar', id: 'stress-mc-bad-debt', title: `Monte Carlo: scenarios by book bad debt (${m.scenarios.toLocaleString('en-US')} scenarios)`,
      categories: h.counts.map((_, i) => formatValue(h.edges[i]!, 'usd')), xLabel: 'Bad debt, USD (lower bin edge)', y: { label: 'Scenarios', unit: 'integer' },
      series: [{ name: 'Scenarios', values: h.counts }],
    },
  });
  const top = m.accounts.top.slice(0, TOP_ROWS);
  blocks.push({
    kind: 'table',
    table: {
      id: 'stress-mc-top-accounts', title: `Monte Carlo: the ${top.length} accounts with the largest expected shortfall ${level(m.confidence[0]!)}`,
      columns: [
        { key: 'account', label: 'Account', unit: 'text' }, { key: 'equity', label: 'Equity', unit: 'usd' }, { key: 'mm', label: 'Maintenance margin', unit: 'usd' },
        { key: 'el', label: 'Expected loss', unit: 'usd' }, { key: 'var', label: 'VaR', unit: 'usd' }, { key: 'es', label: 'ES', unit: 'usd' },
        { key: 'pliq', label: 'Liquidation probability', unit: 'fraction' }, { key: 'ebd', label: 'Expected bad debt', unit: 'usd' },
      ],
      rows: top.map((a): Cell[] => [a.accountId, a.equityUsd, a.maintenanceMarginUsd, a.expectedLossUsd, a.valueAtRiskUsd[0]!, a.expectedShortfallUsd[0]!, a.liquidationProbability, a.expectedBadDebtUsd]),
    },
  });
  return blocks;
}

export function stressResultBlocks(s: StoredStressSummary, worstLossUsd: number): Block[] {
  const blocks: Block[] = [totalsTable(s, worstLossUsd), pricesTable(s), waterfallChart(s), ...cascadeBlocks(s), topAccountsTable(s), ...adlTable(s), ...monteCarloBlocks(s)];
  if (!s.conservation.holds) blocks.push({ kind: 'notice', text: 'The conservation check FAILED for this run: its loss allocation does not add up within tolerance.' });
  for (const note of s.notes) blocks.push({ kind: 'notice', text: `Note: ${note}.` });
  return blocks;
}
