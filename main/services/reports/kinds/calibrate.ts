/**
 * Calibration runs (kind 'calibration:calibrate'): scan ranges, vol shocks, bracket MMRs and
 * collateral haircuts, each with its block-bootstrap confidence interval. A calibration that read
 * implied-vol files cannot be bundled: the service records those files by name and hash only.
 */
import type { Cell, KeyFigure, RunReportPart } from '../../../core/report';
import { CALIBRATION_METHODOLOGY, flattenParameters, num } from '../../../core/report';
import type { CalibrationProvenance } from '../../../core/calibration/provenance';
import { InputError } from '../../../core/errors';
import { calibrationService } from '../../calibration';
import type { CalibrateWorkResult } from '../../calibrationCalibrateWork';
import type { RunKindAdapter } from './types';
import { auditRecord, collectDatasetRun, datasetInputRecords, type DatasetRunInputs, provenanceRecords, recordedInputs, restoreDatasetRun } from './shared';

export const CALIBRATE_RUN_KIND = 'calibration:calibrate';

type CalibrateSummaries = Pick<CalibrateWorkResult, 'at' | 'scanRanges' | 'volShocks' | 'brackets' | 'haircuts'> & { appVersion: string };

/** Estimate row: asset, parameter, estimate, value used, interval, data. */
function estimateRow(asset: string, parameter: string, estimate: number, used: Cell, unit: 'fraction' | 'volPoints', p: CalibrationProvenance, lower?: number, upper?: number): Cell[] {
  const ci = p.confidenceInterval;
  const cell = (x: number | undefined | null): Cell => (x === undefined || x === null || !Number.isFinite(x) ? null : { value: x, unit });
  return [asset, parameter, cell(estimate), used, cell(lower ?? ci?.lower), cell(upper ?? ci?.upper), ci ? num(ci.level) : null, p.observations, p.dataFrom, p.dataTo, p.method];
}

function estimatesTable(s: CalibrateSummaries): Cell[][] {
  const rows: Cell[][] = [];
  for (const r of s.scanRanges) {
    rows.push(estimateRow(r.asset, `scan range${r.boundBy ? ` (bound by ${r.boundBy})` : ''}`, r.estimate, { decimal: r.priceRangeDecimal, unit: 'fraction' }, 'fraction', r.provenance));
  }
  for (const v of s.volShocks) {
    rows.push(estimateRow(v.asset, `vol up (${v.source})`, v.volUpPoints, { decimal: v.volUpPointsDecimal, unit: 'volPoints' }, 'volPoints', v.provenanceUp));
    rows.push(estimateRow(v.asset, `vol down (${v.source})`, v.volDownPoints, { decimal: v.volDownPointsDecimal, unit: 'volPoints' }, 'volPoints', v.provenanceDown));
  }
  for (const b of s.brackets) {
    b.brackets.forEach((d, k) => {
      const rate = b.table.brackets[k]?.maintenanceMarginRate;
      rows.push(estimateRow(b.asset, `MMR, bracket to ${Math.round(d.notionalUsd).toLocaleString('en-US')} USD`, d.maintenanceMarginRate,
        rate === undefined ? null : { decimal: rate, unit: 'fraction' }, 'fraction', b.provenance, d.mmrLower, d.mmrUpper));
    });
  }
  for (const h of s.haircuts?.assets ?? []) {
    rows.push(estimateRow(h.asset, `collateral haircut (rank ${h.qualityRank})`, h.haircut, { decimal: h.haircutDecimal, unit: 'fraction' }, 'fraction', h.provenance, h.haircutLower, h.haircutUpper));
  }
  return rows;
}

export const calibrateAdapter: RunKindAdapter = {
  kind: CALIBRATE_RUN_KIND,
  title: 'Calibration',

  reportPart(run, store): RunReportPart {
    const recorded = recordedInputs<DatasetRunInputs>(run, ['datasetId', 'seriesHashes']);
    const s = store.runs.summaries(run.id) as unknown as CalibrateSummaries;
    const runLabel = run.label || run.id;
    const keyFigures = s.scanRanges.map((r): KeyFigure => ({
      id: 'scanRange', label: `Calibrated scan range (${r.asset})`, value: { value: r.priceRange, unit: 'fraction' }, runId: run.id, runLabel,
      detail: `α ${r.provenance.confidence}, h ${r.provenance.horizonDays} d, ${r.provenance.dataFrom} .. ${r.provenance.dataTo}`,
    }));
    const implied = Object.entries(((run.inputs as { impliedVol?: Record<string, { fileName: string; contentHash: string }> }).impliedVol) ?? {});
    return {
      run: auditRecord(run), kindTitle: this.title, synthetic: recorded.synthetic === true, keyFigures,
      methodology: CALIBRATION_METHODOLOGY,
      parameters: [['Dataset', `${recorded.datasetName} (${recorded.datasetId})`], ['Calibration date', s.at], ...flattenParameters(run.params, 40)],
      results: {
        section: 'calibration',
        blocks: [{
          kind: 'table',
          table: {
            id: 'calibration-estimates', title: `Calibrated parameters at ${s.at} with bootstrap confidence intervals`,
            columns: [
              { key: 'asset', label: 'Asset', unit: 'text' }, { key: 'parameter', label: 'Parameter', unit: 'text' },
              { key: 'estimate', label: 'Estimate', unit: 'text' }, { key: 'used', label: 'Value in configuration', unit: 'text' },
              { key: 'lower', label: 'CI lower', unit: 'text' }, { key: 'upper', label: 'CI upper', unit: 'text' }, { key: 'level', label: 'CI level', unit: 'fraction' },
              { key: 'n', label: 'Observations', unit: 'integer' }, { key: 'from', label: 'Data from', unit: 'date' }, { key: 'to', label: 'Data to', unit: 'date' },
              { key: 'method', label: 'Estimator', unit: 'text' },
            ],
            rows: estimatesTable(s),
            note: 'Intervals: percentile block bootstrap of the raw estimate (before floor/cap and rounding); configuration values are rounded in the conservative direction.',
          },
        }],
      },
      inputs: [...datasetInputRecords(recorded), ...implied.map(([asset, f]) => ({ role: `implied vol ${asset} (${f.fileName})`, id: f.fileName, contentHash: f.contentHash }))],
      provenance: provenanceRecords(store, recorded.datasetId, recorded.seriesHashes),
    };
  },

  collectInputs(run, store, into) {
    const implied = Object.entries(((run.inputs as { impliedVol?: Record<string, { fileName: string }> }).impliedVol) ?? {});
    if (implied.length) {
      throw new InputError(`run ${run.id}: the calibration read implied-vol file(s) ${implied.map(([a, f]) => `${f.fileName} (${a})`).join(', ')}, ` +
        'whose contents are recorded by hash only; it cannot be bundled for a re-run');
    }
    collectDatasetRun(run, store, into);
  },

  async rerun(run, inputs, ctx, problems) {
    const prices = restoreDatasetRun(run, inputs, ctx, problems);
    const params = run.params as Omit<Parameters<ReturnType<typeof calibrationService>['calibrate']>[0], 'prices'>;
    const out = await calibrationService(ctx).calibrate({ ...params, prices });
    if (out.resultHash === null) throw new Error('the re-run was not recorded (its prices were not a stored dataset)');
    return out.resultHash;
  },
};
