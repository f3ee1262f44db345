import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StoreError, explainSqliteError } from './errors';
import { assertNotNewer, LATEST_SCHEMA_VERSION, migrate } from './migrations';

export interface OpenOptions {
  appVersion: string;
  now?: () => Date;
  /** How long a writer waits for another process's lock before failing with a clear error. */
  busyTimeoutMs?: number;
}

export interface Db {
  readonly path: string;
  readonly sqlite: Database.Database;
  readonly schemaVersion: number;
  close(): void;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * WAL mode keeps `<file>-wal` and `<file>-shm` next to the database, created on open: in a read-only
 * directory SQLite would fail later with a bare "unable to open database file".
 */
function assertDirectoryWritable(path: string, exists: boolean): void {
  const dir = dirname(path);
  if (writable(dir)) return;
  if (exists && writable(`${path}-wal`) && writable(`${path}-shm`)) return;
  throw new StoreError(exists
    ? `${path} is in a read-only directory (${dir}): SQLite needs to create its -wal and -shm files there; move the file or fix the permissions. Nothing was changed.`
    : `cannot create ${path}: the directory ${dir} is read-only. Nothing was changed.`);
}

/**
 * Opens (creating if needed) the workbench database: refuses a newer schema without touching the
 * file, then sets WAL + foreign keys + a busy timeout and applies pending migrations.
 */
export function openDb(path: string, options: OpenOptions): Db {
  const now = options.now ?? (() => new Date());
  const exists = path !== ':memory:' && existsSync(path) && statSync(path).size > 0;
  if (exists) {
    // Permissions first (they touch nothing): a read-only probe of a WAL file in a directory it
    // cannot write fails with a vaguer "attempt to write a readonly database".
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new StoreError(`${path} is read-only; open a writable copy or fix its permissions. Nothing was changed.`);
    }
    assertDirectoryWritable(path, true);
    // Look before touching: a read-only connection cannot change a single byte.
    let probe: Database.Database | undefined;
    try {
      probe = new Database(path, { readonly: true, fileMustExist: true });
      assertNotNewer(probe, path);
    } catch (err) {
      throw explainSqliteError(err, path);
    } finally {
      probe?.close();
    }
  } else if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    assertDirectoryWritable(path, false);
  }

  let sqlite: Database.Database;
  try {
    sqlite = new Database(path);
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000))}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // A second process may have migrated between the probe and here; check again under a write lock.
    sqlite.transaction(() => assertNotNewer(sqlite, path)).immediate();
    migrate(sqlite, options.appVersion, now);
  } catch (err) {
    throw explainSqliteError(err, path);
  }
  return {
    path,
    sqlite,
    schemaVersion: LATEST_SCHEMA_VERSION,
    close: () => sqlite.close(),
  };
}
