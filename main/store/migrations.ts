import type Database from 'better-sqlite3';
import { StoreError } from './errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Bundled into the build by Vite; the files stay plain, reviewable SQL.
const files = import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true });

export const MIGRATIONS: readonly Migration[] = Object.entries(files)
  .map(([path, sql]) => {
    const match = /\/(\d{3})_([a-z0-9_]+)\.sql$/.exec(path);
    if (!match) throw new Error(`migration file name must look like 001_name.sql: ${path}`);
    return { version: Number(match[1]), name: match[2]!, sql };
  })
  .sort((a, b) => a.version - b.version);

MIGRATIONS.forEach((m, i) => {
  if (m.version !== i + 1) throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at position ${i + 1}`);
});

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, app_version TEXT NOT NULL, applied_at TEXT NOT NULL)`;

/** The highest applied migration, read without writing anything (0 for a new, empty database). */
export function appliedVersion(db: Database.Database): number {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Refuses a database written by a newer app; the check itself never writes. */
export function assertNotNewer(db: Database.Database, dbPath: string): number {
  const version = appliedVersion(db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new StoreError(
      `${dbPath} was written by a newer version of Margin Workbench (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). ` +
        'It was not opened or modified; update the app to use it.',
    );
  }
  return version;
}

/** Applies pending migrations, each in its own transaction together with its record. */
export function migrate(db: Database.Database, appVersion: string, now: () => Date): number[] {
  db.exec(CREATE_TABLE);
  const current = appliedVersion(db);
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, app_version, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of MIGRATIONS.filter((x) => x.version > current)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, appVersion, now().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}
