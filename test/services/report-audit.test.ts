// Audit bundles: every recorded run kind (margin under a preset and under a saved model, backtest,
// calibration, sweep) bundled with its input data and re-run in fresh temporary databases with
// bit-identical result hashes; the user's database is not touched; a tampered bundle is caught.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { parseBundle, type AuditBundle } from '../../main/services/audit';
import { contentHash } from '../../main/store/hash';
import { fileDigest } from '../helpers/tmp';
import { openTestWorkbench } from '../helpers/workbench';
import { PRICES_DIR, FIXTURES } from '../cli/calibrationCli';

const wb = openTestWorkbench();
afterAll(() => wb.close());
const ids: Record<'marginPreset' | 'marginSaved' | 'backtest' | 'calibrate' | 'sweep', string> = { marginPreset: '', marginSaved: '', backtest: '', calibrate: '', sweep: '' };
let datasetId = '';

async function call<T>(channel: Parameters<typeof dispatch>[1], input: unknown): Promise<T> {
  const r = await dispatch(wb.handlers, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

beforeAll(async () => {
  const s = await call<{ bookId: string; datasetId: string }>('workspace:createSample', {});
  datasetId = s.datasetId;
  const preset = JSON.parse(readFileSync(join(__dirname, '..', '..', 'resources', 'presets', 'parametric-var-99-1d.json'), 'utf8')) as Record<string, unknown>;
  const saved = await call<{ id: string }>('model:save', { config: { ...preset, name: 'Desk parametric VaR 97.5 %', confidence: '0.975' } });
  ids.marginPreset = (await call<{ runId: string }>('margin:compute', { bookId: s.bookId, modelId: 'preset:scenario-span-16', datasetId })).runId;
  ids.marginSaved = (await call<{ runId: string }>('margin:compute', { bookId: s.bookId, modelId: saved.id, datasetId })).runId;
  ids.backtest = (await call<{ runId: string }>('calibration:backtest', {
    prices: datasetId, target: { type: 'portfolio', weights: { BTC: 0.6, ETH: -0.4 } }, model: { method: 'fhs', confidence: 0.99, horizonDays: 2, windowDays: 500 }, apc: 'floor10y',
  })).runId;
  ids.calibrate = (await call<{ runId: string }>('calibration:calibrate', {
    prices: datasetId, assets: ['BTC', 'SOL'], horizonDays: 2, lookbackDays: 365, volScaledLambda: 0.94,
    brackets: { notionalCapsUsd: [50_000, 1_000_000] }, haircuts: { liquidationAmountUsd: 500_000 }, bootstrap: { seed: 7, resamples: 200 },
  })).runId;
  ids.sweep = (await call<{ runId: string }>('calibration:sweep', {
    prices: datasetId, assets: ['ETH'],
    axes: { methods: ['hs', 'parametric'], confidences: [0.99], windowDays: [250, 500], ewmaLambdas: [0.94], horizonDays: [1], apcVariants: ['none', 'buffer25'] },
  })).runId;
}, 120_000);

const bundleOf = (runIds: string[]): AuditBundle => parseBundle(JSON.stringify(wb.services.audit.bundle(runIds)), 'bundle.json');
const clone = (b: AuditBundle): AuditBundle => JSON.parse(JSON.stringify(b)) as AuditBundle;

describe('audit bundle and rerun', () => {
  it('every run kind re-runs bit-identically in fresh temporary databases; the user\'s database is untouched', async () => {
    const all = Object.values(ids);
    const bundle = bundleOf(all);
    expect(bundle.runs.map((r) => r.kind)).toEqual(['margin', 'margin', 'calibration:backtest', 'calibration:calibrate', 'calibration:sweep']);
    // Only the series the runs read: the book's assets for margin runs (BTC, ETH, SOL, DOGE, USDT, USDC), the named assets otherwise; each once.
    expect(bundle.inputs.series.map((s) => s.asset).sort()).toEqual(['BTC', 'DOGE', 'ETH', 'SOL', 'USDC', 'USDT']);
    expect(bundle.inputs.books.map((b) => b.id)).toEqual(['sample-book-20260101']);
    const before = fileDigest(wb.dbPath);
    const report = await wb.services.audit.rerun(bundle);
    expect(fileDigest(wb.dbPath)).toBe(before);
    expect(report.runs.map((r) => r.problems)).toEqual(all.map(() => []));
    expect(report.matches).toBe(true);
    for (const r of report.runs) {
      expect(r.actualHash, r.kind).toBe(wb.store.runs.get(r.id)!.resultHash);
      expect(r.expectedHash).toBe(r.actualHash);
      expect(r.inputsVerified).toBe(true);
    }
  }, 120_000);

  it('the report of all five runs shows calibration estimates with their stored intervals and the sweep frontier', () => {
    const report = wb.services.reports.build({ runIds: Object.values(ids) });
    expect(report.sections.map((x) => x.id)).toEqual(['summary', 'methodology', 'parameters', 'margin', 'calibration', 'backtest', 'provenance', 'audit']);
    const tables = new Map(report.sections.flatMap((x) => x.blocks).flatMap((b) => (b.kind === 'table' ? [[b.table.id, b.table] as const] : [])));
    type Scan = { asset: string; estimate: number; priceRange: number; priceRangeDecimal: string; provenance: { confidenceInterval: { lower: number; upper: number; level: number } } };
    const stored = wb.store.runs.summaries(ids.calibrate) as { scanRanges: Scan[] };
    const est = tables.get('calibration-estimates')!;
    for (const scan of stored.scanRanges) {
      const row = est.rows.find((r) => r[0] === scan.asset && String(r[1]).startsWith('scan range'))!;
      expect(row.slice(2, 7)).toEqual([{ value: scan.estimate, unit: 'fraction' }, { decimal: scan.priceRangeDecimal, unit: 'fraction' },
        { value: scan.provenance.confidenceInterval.lower, unit: 'fraction' }, { value: scan.provenance.confidenceInterval.upper, unit: 'fraction' }, scan.provenance.confidenceInterval.level]);
    }
    expect(est.rows.filter((r) => String(r[1]).startsWith('MMR')).length).toBe(4); // 2 assets × 2 brackets
    const sweep = wb.store.runs.summaries(ids.sweep) as { rows: { rank: number | null }[]; frontier: { frontierIds: string[] } };
    expect(tables.get('sweep-ranked')!.rows.filter((r) => r[0] === 0).length).toBe(sweep.frontier.frontierIds.length);
    expect(tables.get('sweep-ranked')!.rows.length).toBe(sweep.rows.length);
    expect(tables.get('compare-margin')!.rows.map((r) => r[0])).toEqual([ids.marginPreset, ids.marginSaved]);
    const kf = tables.get('key-figures')!;
    expect(kf.rows.filter((r) => String(r[0]).startsWith('Calibrated scan range')).map((r) => r[1])).toEqual(stored.scanRanges.map((x) => ({ value: x.priceRange, unit: 'fraction' })));
    const html = wb.services.reports.preview({ runIds: Object.values(ids) }).html;
    expect(html.match(/<svg /g)?.length).toBe(4); // 2 margin histograms, 1 backtest chart, 1 sweep scatter
  });

  it('audit:exportBundle writes into <data dir>/exports only, as a bundle that parses', async () => {
    const out = await call<{ fileName: string; path: string; bytes: number }>('audit:exportBundle', { runIds: [ids.backtest] });
    expect(out.path).toBe(join(wb.dir, 'exports', out.fileName));
    expect(out.fileName).toMatch(/^audit-bundle-\d{8}-\d{6}-[A-Za-z0-9]+\.json$/);
    const text = readFileSync(out.path, 'utf8');
    expect(Buffer.byteLength(text)).toBe(out.bytes);
    const b = parseBundle(text, out.fileName);
    expect(b.runs[0]).toMatchObject({ id: ids.backtest, kind: 'calibration:backtest', resultHash: wb.store.runs.get(ids.backtest)!.resultHash });
    expect(b.inputs.series.map((s) => s.asset).sort()).toEqual(['BTC', 'ETH']);
    expect(await dispatch(wb.handlers, 'audit:exportBundle', { runIds: [ids.backtest], path: '/tmp/x.json' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('one changed bar gives matches:false: the series no longer hashes to what the run recorded, and the results differ', async () => {
    const bundle = clone(bundleOf([ids.marginPreset, ids.backtest]));
    const btc = bundle.inputs.series.find((s) => s.asset === 'BTC')!;
    const last = btc.bars[btc.bars.length - 1]; // the valuation date of the margin run and the last test-window bar of the backtest
    last[4] = String(Number(last[4]) * 1.01);
    const report = await wb.services.audit.rerun(bundle);
    expect(report.matches).toBe(false);
    for (const r of report.runs) {
      expect(r.matches, r.kind).toBe(false);
      expect(r.inputsVerified).toBe(false);
      expect(r.problems.join(' ')).toMatch(/BTC bars of dataset .* hash to .*not the recorded/);
      expect(r.actualHash).not.toBeNull();
      expect(r.actualHash).not.toBe(r.expectedHash);
    }
  }, 60_000);

  it('tampered parameters, a relabelled series and a changed book are each caught', async () => {
    const params = clone(bundleOf([ids.backtest]));
    (params.runs[0].params as { model: { confidence: number } }).model.confidence = 0.975;
    const p = (await wb.services.audit.rerun(params)).runs[0];
    expect(p.matches).toBe(false);
    expect(p.problems[0]).toMatch(/do not hash to the recorded input hash/);
    expect(p.actualHash).not.toBe(p.expectedHash);

    const relabelled = clone(bundleOf([ids.backtest]));
    const eth = relabelled.inputs.series.find((s) => s.asset === 'ETH')!;
    eth.bars[10][4] = String(Number(eth.bars[10][4]) + 1);
    eth.contentHash = contentHash(eth.bars); // a forger's new hash no longer names what the run read
    const r = (await wb.services.audit.rerun(relabelled)).runs[0];
    expect(r).toMatchObject({ matches: false, actualHash: null });
    expect(r.problems.join(' ')).toMatch(/holds no ETH bars/);

    const book = clone(bundleOf([ids.marginSaved]));
    const wire = book.inputs.books[0].book as { accounts: { collateral: { balance: string }[] }[] };
    wire.accounts[0].collateral[0].balance = '1';
    const k = (await wb.services.audit.rerun(book)).runs[0];
    expect(k.matches).toBe(false);
    expect(k.problems.join(' ')).toMatch(/book sample-book-20260101 does not hash/);
  }, 60_000);

  it('refuses to bundle what cannot be re-run: unknown runs, implied-vol files, re-imported series', async () => {
    expect(await dispatch(wb.handlers, 'audit:exportBundle', { runIds: ['nope'] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const name = 'Calibration fixtures (SYNTHETIC)';
    const files = ['CALA-USD.csv'].map((f) => ({ fileName: f, text: readFileSync(join(PRICES_DIR, f), 'utf8') }));
    await call('dataset:import', { datasetName: name, files });
    const implied = await call<{ runId: string }>('calibration:calibrate', {
      prices: name, assets: ['CALA'], at: '2023-09-20', horizonDays: 2, lookbackDays: 365, bootstrap: { seed: 11, resamples: 100 },
      impliedVolFiles: { CALA: { fileName: 'CALA-DVOL.csv', text: readFileSync(join(FIXTURES, 'implied', 'CALA-DVOL.csv'), 'utf8') } },
    });
    expect(() => wb.services.audit.bundle([implied.runId])).toThrow(/CALA-DVOL\.csv.*recorded by hash only/);
    const bt = await call<{ runId: string }>('calibration:backtest', { prices: name, target: { type: 'asset', asset: 'CALA' }, model: { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 250 } });
    const changed = files[0].text.replace(/^(2021-01-02,[^,]*,[^,]*,[^,]*,)([^,]*)/m, (_m, head: string, close: string) => `${head}${Number(close) + 1}`);
    expect(changed).not.toBe(files[0].text);
    await call('dataset:import', { datasetName: name, files: [{ fileName: 'CALA-USD.csv', text: changed }] });
    expect(() => wb.services.audit.bundle([bt.runId])).toThrow(/CALA series .* was re-imported after the run/);
    // The report still shows such a run, and flags the series as re-imported since.
    const provenance = wb.services.reports.build({ runIds: [bt.runId], sections: ['provenance'] }).sections[0].blocks[0];
    expect(provenance.kind === 'table' && provenance.table.rows[0].at(-1)).toBe('yes');
  }, 60_000);
});
