import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunBegin } from './runs';

/**
 * The in-flight journal: one small JSON file per running run, next to the database
 * (`<db>.inflight/<runId>.json`), written when a run starts and removed when it ends. A run's row is
 * written to the database only when it ends (results and status in one transaction), so rejected input
 * leaves the database byte-for-byte unchanged; a process killed mid-run leaves its journal file behind,
 * and the next open of the store records that run as 'interrupted'.
 */
export interface InflightEntry {
  row: RunBegin;
  pid: number;
}

export function inflightJournal(dbPath: string) {
  const dir = dbPath === ':memory:' ? null : `${dbPath}.inflight`;
  const fileOf = (runId: string): string => join(dir!, `${runId.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  return {
    start(row: RunBegin): void {
      if (!dir) return;
      mkdirSync(dir, { recursive: true });
      const file = fileOf(row.id);
      const entry: InflightEntry = { row, pid: process.pid };
      // Write then rename: a crash never leaves a half-written entry under the final name.
      writeFileSync(`${file}.tmp`, JSON.stringify(entry));
      renameSync(`${file}.tmp`, file);
    },
    end(runId: string): void {
      if (!dir) return;
      rmSync(fileOf(runId), { force: true });
    },
    /** Entries left by processes that are no longer running (a live owner's runs are still running). */
    orphans(isAlive: (pid: number) => boolean): { entry: InflightEntry; file: string }[] {
      if (!dir) return [];
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return [];
      }
      const out: { entry: InflightEntry; file: string }[] = [];
      for (const name of names) {
        const file = join(dir, name);
        if (name.endsWith('.tmp')) {
          rmSync(file, { force: true });
          continue;
        }
        try {
          const entry = JSON.parse(readFileSync(file, 'utf8')) as InflightEntry;
          if (entry.pid !== process.pid && !isAlive(entry.pid)) out.push({ entry, file });
        } catch {
          rmSync(file, { force: true });
        }
      }
      return out;
    },
    remove(file: string): void {
      rmSync(file, { force: true });
    },
  };
}
export type InflightJournal = ReturnType<typeof inflightJournal>;
