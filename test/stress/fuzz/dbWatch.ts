/**
 * "The database is byte-for-byte unchanged after a rejected input", cheaply enough for thousands of
 * calls: SQLite's total_changes() counts every row this connection inserted, updated or deleted, so
 * an unchanged count after a rejected call means nothing was written; whenever the count moved, or
 * on every `fullEvery`-th check, the sha256 of the database file and its WAL decides.
 */
import type { Workbench } from '../../../main/workbench';
import { fileDigest } from '../../helpers/tmp';

export interface DbWatch {
  /** After an accepted call: take the current state as the new baseline. */
  accepted(): void;
  /** After a rejected call: throws when the file's bytes differ from the baseline. */
  assertUnchanged(context: string): void;
  /** How many full sha256 comparisons ran. */
  readonly fullChecks: number;
}

export function watchDb(wb: Workbench & { dbPath: string }, opts: { fullEvery?: number } = {}): DbWatch {
  const sqlite = wb.store.db.sqlite;
  const changes = (): number => (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  let baseChanges = changes();
  let baseDigest = fileDigest(wb.dbPath);
  let checks = 0;
  let fullChecks = 0;
  const fullEvery = opts.fullEvery ?? 1;
  return {
    accepted() {
      const n = changes();
      if (n !== baseChanges) {
        baseChanges = n;
        baseDigest = fileDigest(wb.dbPath);
      }
    },
    assertUnchanged(context) {
      checks++;
      const moved = changes() !== baseChanges;
      if (!moved && checks % fullEvery !== 0) return;
      fullChecks++;
      const digest = fileDigest(wb.dbPath);
      if (digest !== baseDigest) {
        // Re-baseline first, so one real failure is reported once and not blamed on later calls.
        baseDigest = digest;
        baseChanges = changes();
        throw new Error(`the database changed after a rejected call (${context})`);
      }
      // Rows written and rolled back leave the bytes as they were: the digest decides.
      baseChanges = changes();
    },
    get fullChecks() {
      return fullChecks;
    },
  };
}
