/**
 * Core results → the contract's plain outputs, and → what a recorded run stores. A run's summaries
 * hold only what the inputs determine (no ids, clocks, thread counts or source labels), so the
 * same inputs and seed always give the same resultHash.
 */
import type { BacktestOutput, DiagnoseOutput } from '../../preload/contract/schemas/calibrationChannels';
import type { BacktestResult } from '../core/calibration/backtest';
import type { AssetDiagnostics } from '../core/calibration/diagnostics';
import type { RunOutput } from '../store/runs';

type BacktestFigures = Omit<BacktestOutput, 'runId' | 'resultHash' | 'source' | 'series'>;

/** Everything a backtest reports except its series (which are stored as vectors). */
export function backtestFigures(r: BacktestResult, droppedDates: string[]): BacktestFigures {
  return {
    label: r.label,
    apc: r.apc,
    model: {
      method: r.model.method, confidence: r.model.confidence, horizonDays: r.model.horizonDays, windowDays: r.model.windowDays,
      lambda: r.model.ewmaLambda ?? 0.94, measure: r.model.measure ?? 'var',
    },
    firstDate: r.firstDate,
    lastDate: r.lastDate,
    observations: r.observations,
    exceptions: r.exceptions,
    exceptionDates: r.exceptionDates,
    exceptionLosses: r.exceptionLosses,
    kupiec: { lr: r.kupiec.lr, pValue: r.kupiec.pValue },
    christoffersen: {
      n00: r.christoffersen.n00, n01: r.christoffersen.n01, n10: r.christoffersen.n10, n11: r.christoffersen.n11,
      lrInd: r.christoffersen.lrInd, pValueInd: r.christoffersen.pValueInd, lrCc: r.christoffersen.lrCc, pValueCc: r.christoffersen.pValueCc,
    },
    trafficLight: {
      zone: r.trafficLight.zone, cumulativeProbability: r.trafficLight.cumulativeProbability,
      greenMax: r.trafficLight.greenMax, yellowMax: r.trafficLight.yellowMax,
    },
    rollingTrafficLight: {
      windowDays: r.rollingTrafficLight.windowDays, greenMax: r.rollingTrafficLight.greenMax, yellowMax: r.rollingTrafficLight.yellowMax,
      zoneDays: { ...r.rollingTrafficLight.zoneDays }, worstZone: r.rollingTrafficLight.worstZone, latestZone: r.rollingTrafficLight.latestZone,
    },
    coverage: r.coverage,
    largestExceptionLoss: r.largestExceptionLoss,
    largestExceptionExcess: r.largestExceptionExcess,
    averageExceptionExcess: r.averageExceptionExcess,
    averageMargin: r.averageMargin,
    procyclicality: { ...r.procyclicality },
    droppedDates,
  };
}

/** The recorded form: figures and test dates as summaries, the series as float64 vectors. */
export function backtestRunOutput(r: BacktestResult, droppedDates: string[]): RunOutput {
  const s = r.series;
  return {
    summaries: { figures: backtestFigures(r, droppedDates), dates: s.dates },
    vectors: {
      margin: s.margin, valueAtRisk: s.valueAtRisk, expectedShortfall: s.expectedShortfall, realisedLoss: s.realisedLoss,
      exception: Float64Array.from(s.exception),
    },
  };
}

export function backtestOutput(r: BacktestResult, droppedDates: string[], run: { runId: string | null; resultHash: string | null; source: string }): BacktestOutput {
  const s = r.series;
  return {
    ...run,
    ...backtestFigures(r, droppedDates),
    series: {
      dates: s.dates, margin: Array.from(s.margin), valueAtRisk: Array.from(s.valueAtRisk), expectedShortfall: Array.from(s.expectedShortfall),
      realisedLoss: Array.from(s.realisedLoss), exception: Array.from(s.exception),
    },
  };
}

/** The figures `mwb backtest --json` prints (backtest.ts backtestSummary, plus the run). */
export function backtestCliSummary(o: BacktestOutput) {
  return {
    observations: o.observations,
    exceptions: o.exceptions,
    exceptionDates: o.exceptionDates,
    kupiec: o.kupiec,
    christoffersen: { lrInd: o.christoffersen.lrInd, pValueInd: o.christoffersen.pValueInd, lrCc: o.christoffersen.lrCc, pValueCc: o.christoffersen.pValueCc },
    trafficLight: { zone: o.trafficLight.zone, greenMax: o.trafficLight.greenMax, yellowMax: o.trafficLight.yellowMax },
    coverage: o.coverage,
    largestExceptionLoss: o.largestExceptionLoss,
    firstDate: o.firstDate,
    lastDate: o.lastDate,
    label: o.label,
    apc: o.apc,
    source: o.source,
    ...(o.runId ? { runId: o.runId, resultHash: o.resultHash } : {}),
  };
}

export function diagnoseOutput(d: AssetDiagnostics, source: string): DiagnoseOutput {
  return {
    source, asset: d.asset, firstDate: d.firstDate, lastDate: d.lastDate, closes: d.closes, missingDays: d.missingDays, returns: d.returns,
    meanDailyLogReturn: d.meanDailyLogReturn, annualisedVol: d.annualisedVol, skewness: d.skewness, excessKurtosis: d.excessKurtosis,
    jarqueBera: { ...d.jarqueBera }, adfLogPrice: { ...d.adfLogPrice, criticalValues: { ...d.adfLogPrice.criticalValues } },
    adfReturns: { ...d.adfReturns, criticalValues: { ...d.adfReturns.criticalValues } }, maxDrawdown: { ...d.maxDrawdown },
    horizonDays: d.horizonDays, worstMoves: d.worstMoves.map((m) => ({ ...m })),
  };
}
