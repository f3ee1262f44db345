import type Database from 'better-sqlite3';
import type { Bar, PriceSeries } from '../core/market/types';
import { seriesFromBars } from '../core/market/series';

export interface SeriesRecord {
  asset: string;
  format: string;
  sourceFile: string;
  contentHash: string;
  firstDate: string;
  lastDate: string;
  rows: number;
  importedAt: string;
  /** The import report (gaps, bad prints) as stored JSON. */
  report: unknown;
}

export interface DatasetRecord {
  id: string;
  name: string;
  synthetic: boolean;
  createdAt: string;
  series: SeriesRecord[];
}

interface SeriesRow {
  dataset_id: string; asset: string; format: string; source_file: string; content_hash: string;
  first_date: string; last_date: string; row_count: number; imported_at: string; report_json: string;
}

const toSeries = (r: SeriesRow): SeriesRecord => ({
  asset: r.asset, format: r.format, sourceFile: r.source_file, contentHash: r.content_hash,
  firstDate: r.first_date, lastDate: r.last_date, rows: r.row_count, importedAt: r.imported_at,
  report: JSON.parse(r.report_json),
});

/** Datasets (named collections) of per-asset daily OHLCV series with provenance. */
export function datasetsRepo(db: Database.Database) {
  const seriesOf = db.prepare('SELECT * FROM series WHERE dataset_id = ? ORDER BY asset');
  const byId = db.prepare('SELECT * FROM datasets WHERE id = ?');
  const insertBar = db.prepare(
    'INSERT INTO bars (dataset_id, asset, date, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );

  const withSeries = (row: { id: string; name: string; synthetic: number; created_at: string }): DatasetRecord => ({
    id: row.id,
    name: row.name,
    synthetic: row.synthetic === 1,
    createdAt: row.created_at,
    series: (seriesOf.all(row.id) as SeriesRow[]).map(toSeries),
  });

  return {
    list(): DatasetRecord[] {
      const rows = db.prepare('SELECT * FROM datasets ORDER BY created_at, name').all() as Parameters<typeof withSeries>[0][];
      return rows.map(withSeries);
    },
    get(id: string): DatasetRecord | undefined {
      const row = byId.get(id) as Parameters<typeof withSeries>[0] | undefined;
      return row && withSeries(row);
    },
    findByName(name: string): DatasetRecord | undefined {
      const row = db.prepare('SELECT * FROM datasets WHERE name = ?').get(name) as Parameters<typeof withSeries>[0] | undefined;
      return row && withSeries(row);
    },
    create(record: { id: string; name: string; synthetic: boolean; createdAt: string }): void {
      db.prepare('INSERT INTO datasets (id, name, synthetic, created_at) VALUES (?, ?, ?, ?)')
        .run(record.id, record.name, record.synthetic ? 1 : 0, record.createdAt);
    },
    getSeries(datasetId: string, asset: string): SeriesRecord | undefined {
      const row = db.prepare('SELECT * FROM series WHERE dataset_id = ? AND asset = ?').get(datasetId, asset) as SeriesRow | undefined;
      return row && toSeries(row);
    },
    /** Replaces one asset's series and its bars. Call inside the caller's transaction. */
    putSeries(datasetId: string, series: SeriesRecord, bars: readonly Bar[]): void {
      db.prepare('DELETE FROM series WHERE dataset_id = ? AND asset = ?').run(datasetId, series.asset);
      db.prepare(
        `INSERT INTO series (dataset_id, asset, format, source_file, content_hash, first_date, last_date, row_count, imported_at, report_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(datasetId, series.asset, series.format, series.sourceFile, series.contentHash, series.firstDate, series.lastDate,
        series.rows, series.importedAt, JSON.stringify(series.report));
      for (const b of bars) insertBar.run(datasetId, series.asset, b.date, b.open, b.high, b.low, b.close, b.volume);
    },
    readBars(datasetId: string, asset: string, from = '0000-00-00', to = '9999-99-99'): Bar[] {
      return db
        .prepare('SELECT date, open, high, low, close, volume FROM bars WHERE dataset_id = ? AND asset = ? AND date >= ? AND date <= ? ORDER BY date')
        .all(datasetId, asset, from, to) as Bar[];
    },
    /** The same bars as typed arrays for analytics (closes etc. as float64). */
    readSeries(datasetId: string, asset: string, from?: string, to?: string): PriceSeries {
      return seriesFromBars(asset, this.readBars(datasetId, asset, from, to));
    },
    delete(id: string): boolean {
      return db.prepare('DELETE FROM datasets WHERE id = ?').run(id).changes > 0;
    },
  };
}
export type DatasetsRepo = ReturnType<typeof datasetsRepo>;
