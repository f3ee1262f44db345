import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../helpers/mwb';

/** The real reference data lives beside the repo and is never copied into it. */
export const MARKET_DIR = join(REPO, '..', 'shared', 'data', 'market');

export function requireMarketDir(): string {
  if (!existsSync(MARKET_DIR)) throw new Error(`${MARKET_DIR} not found: test:refdata needs ../shared/data/market beside the repository`);
  return MARKET_DIR;
}

export function marketCsvFiles(): string[] {
  return readdirSync(requireMarketDir()).filter((f) => f.endsWith('.csv')).sort().map((f) => join(MARKET_DIR, f));
}

export interface SourcesRow {
  file: string;
  first: string;
  last: string;
  rows: number;
}

/** The "Files" table of SOURCES.md: file, first and last date, row count. */
export function sourcesTable(): SourcesRow[] {
  const text = readFileSync(join(requireMarketDir(), 'SOURCES.md'), 'utf8');
  const rows: SourcesRow[] = [];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | file | source repo | path | commit | first | last | rows | gaps |
    if (cells.length >= 9 && /\.csv$/.test(cells[1]!) && /^\d{4}-\d{2}-\d{2}$/.test(cells[5]!)) {
      rows.push({ file: cells[1]!, first: cells[5]!, last: cells[6]!, rows: Number(cells[7]) });
    }
  }
  return rows;
}
