/**
 * The methodology text a report prints for each kind of run: short summaries of
 * docs/methodology.md (margin-tiered.md, margin-grid-var.md, var-backtest-calibration.md),
 * which hold the full formulas and their sources.
 */

export interface MethodologyText {
  readonly key: string;
  readonly title: string;
  readonly paragraphs: readonly string[];
}

const ACCOUNT_MEASURES = 'Account measures (USD): collateral value = Σ balance × price × (1 − haircut) (a debt counts in full); equity = collateral value + unrealised PnL; ' +
  'margin ratio = maintenance margin / equity (undefined when equity ≤ 0); an account is at or below maintenance when it holds positions and equity ≤ maintenance margin. ' +
  'Prices are the dataset\'s daily closes at the valuation date; options are valued with Black-76 on F = spot at the annualised EWMA (λ = 0.94) realised vol, discount e^{−rT}, T = days / 365.';

const MARGIN: Record<string, MethodologyText> = {
  tiered: {
    key: 'margin-tiered', title: 'Tiered (bracket) margin',
    paragraphs: [
      'Each position\'s initial and maintenance margin is its notional times the rate of the bracket its notional falls in, less the bracket\'s maintenance amount ' +
        '(Binance "cum": MM = N × MMR_k − cum_k, continuous at the caps). Notional is evaluated at the mark price or fixed at entry, as the model\'s convention says. ' +
        'Options are not margined by this model; they are listed as excluded.',
      ACCOUNT_MEASURES,
    ],
  },
  scenarioGrid: {
    key: 'margin-scenarioGrid', title: 'Scenario-grid margin (SPAN / portfolio-margin style)',
    paragraphs: [
      'The account is fully revalued under a grid of price moves (0, ±k/N of the scan range R) each with vol up and down, plus extreme moves at a multiple of R ' +
        'weighted by their cover fraction; the requirement is the largest weighted loss (CME PC-SPAN "Risk Arrays"; Deribit portfolio margin adds vol-unchanged and extended moves).',
      ACCOUNT_MEASURES,
    ],
  },
  historicalVar: {
    key: 'margin-historicalVar', title: 'Historical-simulation VaR / ES margin',
    paragraphs: [
      'The account is revalued under the historical h-day price moves of the lookback window (optionally filtered by EWMA vol, FHS); the requirement is the type-7 quantile ' +
        '(VaR) or the mean of the losses at or beyond it (ES) at the model\'s confidence, with the model\'s anti-procyclicality tool applied.',
      ACCOUNT_MEASURES,
    ],
  },
  parametricVar: {
    key: 'margin-parametricVar', title: 'Parametric (delta-normal) VaR margin',
    paragraphs: [
      'Requirement = Φ⁻¹(α) × √h × √(δ′Σδ), with δ the account\'s USD deltas and Σ the EWMA covariance of daily returns (RiskMetrics 1996, λ from the model).',
      ACCOUNT_MEASURES,
    ],
  },
};

export function marginMethodology(modelKind: string): MethodologyText {
  return MARGIN[modelKind] ?? { key: `margin-${modelKind}`, title: `Margin model "${modelKind}"`, paragraphs: [ACCOUNT_MEASURES] };
}

export const BACKTEST_METHODOLOGY: MethodologyText = {
  key: 'backtest', title: 'Walk-forward backtest and coverage tests',
  paragraphs: [
    'At each test day t the margin (VaR or ES, hs / fhs / parametric) uses prices up to and including t only; it is compared with the realised loss over (t, t+h]. ' +
      'An exception is a realised loss above the margin. Losses are −(P_{t+h}/P_t − 1) on daily closes; quantiles are Hyndman–Fan type 7.',
    'Coverage = 1 − exceptions / observations. Kupiec (1995) proportion-of-failures and Christoffersen (1998) independence and conditional-coverage likelihood ratios are ' +
      'compared with χ² distributions; the Basel (1996) traffic light zone comes from the binomial CDF of the exception count (green up to 95 %, yellow up to 99.99 %). ' +
      'With h > 1 the realised losses overlap and the χ² tests are approximate.',
    'Procyclicality: peak-to-trough ratio max M / min M and the largest 1-day and 5-day margin increases; cost = average margin as a fraction of notional. ' +
      'Anti-procyclicality tools follow EMIR RTS 153/2013 art. 28(1): stressed weight (b), 10-year floor (c), buffer (a).',
  ],
};

export const CALIBRATION_METHODOLOGY: MethodologyText = {
  key: 'calibration', title: 'Parameter calibration with confidence intervals',
  paragraphs: [
    'Scan ranges are the α-quantile of |h-day returns| over the lookback (optionally vol-scaled), then floored / capped; vol shocks are quantiles of h-day changes of implied ' +
      '(or, without an index, 30-day realised) vol; bracket maintenance rates and collateral haircuts add a √-time liquidation horizon and a square-root market impact ' +
      '(Tóth et al. 2011; Almgren et al. 2005).',
    'Every estimate carries a block-bootstrap percentile interval (stationary bootstrap, Politis & Romano 1994; block length n^{1/3}; seeded, so it is reproducible). ' +
      'Values written into a model configuration are rounded in the conservative direction.',
  ],
};

export const SWEEP_METHODOLOGY: MethodologyText = {
  key: 'sweep', title: 'Parameter sweep and Pareto frontier',
  paragraphs: [
    'Every parameter set of the grid (method × confidence × lookback × λ × horizon × anti-procyclicality variant) is backtested on one common test period. ' +
      'Sets are ranked by fast non-dominated sorting (Deb et al. 2002) on Kupiec p-value (higher is better), average margin and peak-to-trough ratio (lower is better); ' +
      'rank 0 is the Pareto frontier.',
  ],
};
