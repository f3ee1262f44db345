import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(prefix = 'mwb-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** sha256 of a database file and its WAL/SHM companions: "byte-for-byte unchanged" checks. */
export function fileDigest(path: string): string {
  const h = createHash('sha256');
  for (const p of [path, `${path}-wal`]) {
    h.update(p.endsWith('-wal') ? 'wal:' : 'db:');
    if (existsSync(p)) h.update(readFileSync(p));
  }
  return h.digest('hex');
}

/** A clock that advances one second per call, starting at a fixed instant. */
export function steppingClock(startIso = '2026-01-01T00:00:00.000Z'): () => Date {
  let t = Date.parse(startIso);
  return () => new Date((t += 1000));
}

/** Deterministic ids: id-1, id-2, ... */
export function sequentialIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}
