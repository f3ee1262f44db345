import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../main/store';
import { jsonOf, runMwb } from '../helpers/mwb';
import { tempDir } from '../helpers/tmp';
import { marketCsvFiles, sourcesTable } from './helpers';

const tmp = tempDir('mwb-refdata-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'ref.db');

interface Imported { datasetId: string; series: { asset: string; fileName: string; rows: number; firstDate: string; lastDate: string; report: { missingDays: number } }[] }

describe('reference market data (../shared/data/market)', () => {
  const files = marketCsvFiles();
  const imported = jsonOf<Imported>(runMwb(['--db', db, '--json', 'import', 'prices', ...files, '--dataset', 'Reference']));

  it('imports every CSV, with row counts and date ranges as SOURCES.md states', () => {
    const table = sourcesTable();
    expect(table.length).toBe(files.length);
    for (const row of table) {
      const s = imported.series.find((x) => x.fileName === row.file);
      expect(s, row.file).toBeDefined();
      expect({ file: row.file, rows: s!.rows, first: s!.firstDate, last: s!.lastDate }).toEqual({ file: row.file, rows: row.rows, first: row.first, last: row.last });
    }
    expect(imported.series.map((s) => s.fileName).sort()).toEqual(files.map((f) => basename(f)).sort());
  });

  it('reports the 6 calendar gaps SOURCES.md lists for BTC', () => {
    // SOURCES.md: gaps 2026-01-08, 2026-01-20, 2026-03-20..22, 2026-03-25 → 6 missing days.
    expect(imported.series.find((s) => s.asset === 'BTC')!.report.missingDays).toBe(6);
  });

  it('BTC close-to-close return on 2020-03-12 is −39.50% (±0.01%)', () => {
    const store = openStore(db, { appVersion: 'test' });
    const btc = store.datasets.readSeries(imported.datasetId, 'BTC', '2020-03-11', '2020-03-12');
    store.close();
    expect(btc.dates).toEqual(['2020-03-11', '2020-03-12']);
    // SOURCES.md sanity check: Binance close 7934.52 (2020-03-11) → 4800.00 (2020-03-12) = −39.50%.
    const returnPct = (btc.close[1]! / btc.close[0]! - 1) * 100;
    expect(Math.abs(returnPct - -39.5)).toBeLessThanOrEqual(0.01);
  });
});
