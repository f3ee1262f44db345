/**
 * "The database is byte-for-byte unchanged after a rejected input", cheaply enough for thousands of
 * calls: SQLite's total_changes() counts every row this connection inserted, updated or deleted (the
 * worker threads never open the database), so a rejected call must leave it where it was; and on
 * every `fullEvery`-th rejection, or whenever the count moved, the sha256 of the database file and its
 * WAL is compared with the state after the last accepted call.
 */
import type { Workbench } from '../../../main/workbench';
import { fileDigest } from '../../helpers/tmp';

export interface DbWatch {
  /** After an accepted call: its writes become the new baseline. */
  accepted(): void;
  /** After a rejected call: throws when the database file's bytes differ from the baseline. */
  assertUnchanged(context: string): void;
  /** How many full sha256 comparisons ran. */
  readonly fullChecks: number;
}

export function watchDb(wb: Workbench & { dbPath: string }, opts: { fullEvery?: number } = {}): DbWatch {
  const sqlite = wb.store.db.sqlite;
  const changes = (): number => (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  let baseChanges = changes();
  // The digest after the last accepted call; computed lazily (null) because accepted calls can be many.
  let baseDigest: string | null = fileDigest(wb.dbPath);
  let checks = 0;
  let fullChecks = 0;
  const fullEvery = opts.fullEvery ?? 1;
  return {
    accepted() {
      const n = changes();
      if (n !== baseChanges) {
        baseChanges = n;
        baseDigest = null;
      }
    },
    assertUnchanged(context) {
      checks++;
      const moved = changes() !== baseChanges;
      if (!moved && checks % fullEvery !== 0) return;
      fullChecks++;
      const digest = fileDigest(wb.dbPath);
      const before = baseDigest;
      // Re-baseline first, so one real failure is reported once and not blamed on later calls.
      baseDigest = digest;
      baseChanges = changes();
      if (before === null) {
        // Nothing is known of the bytes before this call; the row count says whether it wrote.
        if (moved) throw new Error(`a rejected call wrote rows (${context})`);
        return;
      }
      // Rows written and rolled back leave the bytes as they were: the digest decides.
      if (digest !== before) throw new Error(`the database changed after a rejected call (${context})`);
    },
    get fullChecks() {
      return fullChecks;
    },
  };
}
