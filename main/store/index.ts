import { openDb, type OpenOptions } from './db';
import { explainSqliteError } from './errors';
import { booksRepo } from './books';
import { datasetsRepo } from './datasets';
import { modelsRepo, scenariosRepo } from './documents';
import { inflightJournal } from './inflight';
import { isAlive, runsRepo } from './runs';

/** The workbench store: one SQLite file, one repository per table group. */
export function openStore(path: string, options: OpenOptions) {
  const db = openDb(path, options);
  const now = options.now ?? (() => new Date());
  const store = {
    db,
    datasets: datasetsRepo(db.sqlite),
    books: booksRepo(db.sqlite),
    models: modelsRepo(db.sqlite),
    scenarios: scenariosRepo(db.sqlite),
    runs: runsRepo(db.sqlite),
    inflight: inflightJournal(path),
    /** Runs `fn` in one synchronous write transaction (better-sqlite3 transactions are synchronous). */
    transaction<T>(fn: () => T): T {
      try {
        return db.sqlite.transaction(fn).immediate();
      } catch (err) {
        // A full disk, a read-only file or a busy lock says so and names the file (errors.ts).
        throw explainSqliteError(err, path);
      }
    },
    close(): void {
      db.close();
    },
  };
  try {
    const nowIso = now().toISOString();
    store.runs.markInterrupted(nowIso);
    // Runs whose process was killed mid-run: recorded as interrupted, then their journal entries go.
    for (const { entry, file } of store.inflight.orphans(isAlive)) {
      store.transaction(() => store.runs.recordInterrupted(entry.row, nowIso));
      store.inflight.remove(file);
    }
  } catch (err) {
    db.close();
    throw explainSqliteError(err, path);
  }
  return store;
}
export type Store = ReturnType<typeof openStore>;
export { StoreError } from './errors';
export { contentHash, canonicalJson, sha256Hex, vectorsHash } from './hash';
