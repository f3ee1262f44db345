import type Database from 'better-sqlite3';
import { vectorsHash, contentHash } from './hash';

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

export interface RunRecord {
  id: string;
  kind: string;
  status: RunStatus;
  label: string;
  inputHash: string;
  inputs: unknown;
  params: unknown;
  seed: number | null;
  appVersion: string;
  resultHash: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface RunBegin {
  id: string;
  kind: string;
  label?: string;
  inputHash: string;
  inputs: unknown;
  params: unknown;
  seed?: number | null;
  appVersion: string;
  now: string;
}

export interface RunOutput {
  /** Named JSON summaries (must be JSON-safe: no NaN). */
  summaries: Record<string, unknown>;
  /** Named float64 vectors, stored as little-endian BLOBs. */
  vectors?: Record<string, Float64Array>;
}

interface Row {
  id: string; kind: string; status: RunStatus; label: string; input_hash: string; inputs_json: string; params_json: string;
  seed: number | null; app_version: string; result_hash: string | null; error: string | null; created_at: string;
  started_at: string; finished_at: string | null; duration_ms: number | null; owner_pid: number | null;
}

const toRecord = (r: Row): RunRecord => ({
  id: r.id, kind: r.kind, status: r.status, label: r.label, inputHash: r.input_hash, inputs: JSON.parse(r.inputs_json),
  params: JSON.parse(r.params_json), seed: r.seed, appVersion: r.app_version, resultHash: r.result_hash, error: r.error,
  createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at, durationMs: r.duration_ms,
});

/** Hash of a run's output: summaries by canonical JSON, vectors by their exact bytes. */
export function resultHash(output: RunOutput): string {
  return contentHash({ summaries: output.summaries, vectors: vectorsHash(output.vectors ?? {}) });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run lifecycle: `begin` records a running run; `complete` writes ALL results and the final status in
 * one transaction; `fail` marks failed/cancelled and guarantees no results. A process killed mid-run
 * leaves a 'running' row with a dead owner pid, which `markInterrupted` turns into 'interrupted'.
 */
export function runsRepo(db: Database.Database) {
  const insertSummary = db.prepare('INSERT INTO run_results (run_id, name, summary_json) VALUES (?, ?, ?)');
  const insertVector = db.prepare('INSERT INTO run_vectors (run_id, name, length, data) VALUES (?, ?, ?, ?)');

  const complete = db.transaction((id: string, output: RunOutput, now: string, durationMs: number): string => {
    const hash = resultHash(output);
    for (const [name, summary] of Object.entries(output.summaries)) insertSummary.run(id, name, JSON.stringify(summary));
    for (const [name, v] of Object.entries(output.vectors ?? {})) {
      insertVector.run(id, name, v.length, Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    }
    const changed = db.prepare(
      `UPDATE runs SET status = 'succeeded', result_hash = ?, finished_at = ?, duration_ms = ?, owner_pid = NULL WHERE id = ? AND status = 'running'`,
    ).run(hash, now, durationMs, id).changes;
    if (changed !== 1) throw new Error(`run ${id} is not running; results not stored`);
    return hash;
  });

  const fail = db.transaction((id: string, status: 'failed' | 'cancelled', error: string, now: string, durationMs: number) => {
    db.prepare('DELETE FROM run_results WHERE run_id = ?').run(id);
    db.prepare('DELETE FROM run_vectors WHERE run_id = ?').run(id);
    db.prepare(`UPDATE runs SET status = ?, error = ?, finished_at = ?, duration_ms = ?, owner_pid = NULL WHERE id = ?`)
      .run(status, error.slice(0, 2000), now, durationMs, id);
  });

  return {
    begin(run: RunBegin): void {
      db.prepare(
        `INSERT INTO runs (id, kind, status, label, input_hash, inputs_json, params_json, seed, app_version, owner_pid, created_at, started_at)
         VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(run.id, run.kind, run.label ?? '', run.inputHash, JSON.stringify(run.inputs), JSON.stringify(run.params),
        run.seed ?? null, run.appVersion, process.pid, run.now, run.now);
    },
    complete(id: string, output: RunOutput, now: string, durationMs: number): string {
      return complete(id, output, now, durationMs);
    },
    fail(id: string, status: 'failed' | 'cancelled', error: string, now: string, durationMs: number): void {
      fail(id, status, error, now, durationMs);
    },
    /** Marks runs whose owning process is gone as interrupted. Returns their ids. */
    markInterrupted(now: string): string[] {
      const rows = db.prepare(`SELECT id, owner_pid FROM runs WHERE status = 'running'`).all() as { id: string; owner_pid: number | null }[];
      const dead = rows.filter((r) => r.owner_pid === null || (r.owner_pid !== process.pid && !isAlive(r.owner_pid)));
      const mark = db.prepare(
        `UPDATE runs SET status = 'interrupted', error = 'the process running it stopped before it finished', finished_at = ?, owner_pid = NULL
         WHERE id = ? AND status = 'running'`,
      );
      db.transaction(() => dead.forEach((r) => mark.run(now, r.id)))();
      return dead.map((r) => r.id);
    },
    /** Records a run whose process died before it ended (from the in-flight journal), if not already stored. */
    recordInterrupted(run: RunBegin, now: string): boolean {
      const exists = db.prepare('SELECT 1 FROM runs WHERE id = ?').get(run.id);
      if (exists) return false;
      db.prepare(
        `INSERT INTO runs (id, kind, status, label, input_hash, inputs_json, params_json, seed, app_version, error, owner_pid, created_at, started_at, finished_at)
         VALUES (?, ?, 'interrupted', ?, ?, ?, ?, ?, ?, 'the process running it stopped before it finished', NULL, ?, ?, ?)`,
      ).run(run.id, run.kind, run.label ?? '', run.inputHash, JSON.stringify(run.inputs), JSON.stringify(run.params), run.seed ?? null,
        run.appVersion, run.now, run.now, now);
      return true;
    },
    get(id: string): RunRecord | undefined {
      const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Row | undefined;
      return row && toRecord(row);
    },
    list(filter: { kind?: string; status?: RunStatus; limit?: number } = {}): RunRecord[] {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.kind) { where.push('kind = ?'); args.push(filter.kind); }
      if (filter.status) { where.push('status = ?'); args.push(filter.status); }
      const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT ?`;
      return (db.prepare(sql).all(...args, filter.limit ?? 1000) as Row[]).map(toRecord);
    },
    summaries(id: string): Record<string, unknown> {
      const rows = db.prepare('SELECT name, summary_json FROM run_results WHERE run_id = ? ORDER BY name').all(id) as { name: string; summary_json: string }[];
      return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.summary_json)]));
    },
    vector(id: string, name: string): Float64Array | undefined {
      const row = db.prepare('SELECT data FROM run_vectors WHERE run_id = ? AND name = ?').get(id, name) as { data: Buffer } | undefined;
      if (!row) return undefined;
      const copy = new Uint8Array(row.data.byteLength);
      copy.set(row.data);
      return new Float64Array(copy.buffer);
    },
    vectorNames(id: string): string[] {
      return (db.prepare('SELECT name FROM run_vectors WHERE run_id = ? ORDER BY name').all(id) as { name: string }[]).map((r) => r.name);
    },
    delete(id: string): boolean {
      return db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0;
    },
  };
}
export type RunsRepo = ReturnType<typeof runsRepo>;
