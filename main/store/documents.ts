import type Database from 'better-sqlite3';

/**
 * Model configurations and scenarios are validated JSON documents with a content hash. One small
 * repository serves both tables; the services own the schemas that validate what goes in.
 */
export interface DocumentRecord<T = unknown> {
  id: string;
  name: string;
  /** Model kind (tiered, scenarioGrid, historicalVar, parametricVar); scenarios use 'scenario'. */
  kind: string;
  body: T;
  contentHash: string;
  preset: boolean;
  provenance: unknown;
  createdAt: string;
  updatedAt: string;
}

type Table = 'models' | 'scenarios';

interface Row {
  id: string; name: string; kind?: string; params_json?: string; definition_json?: string; content_hash: string;
  preset?: number; provenance_json?: string | null; created_at: string; updated_at: string;
}

function documentsRepo<T>(db: Database.Database, table: Table) {
  const bodyColumn = table === 'models' ? 'params_json' : 'definition_json';
  const toRecord = (r: Row): DocumentRecord<T> => ({
    id: r.id,
    name: r.name,
    kind: r.kind ?? 'scenario',
    body: JSON.parse((r.params_json ?? r.definition_json)!) as T,
    contentHash: r.content_hash,
    preset: r.preset === 1,
    provenance: r.provenance_json ? JSON.parse(r.provenance_json) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
  return {
    list(): DocumentRecord<T>[] {
      return (db.prepare(`SELECT * FROM ${table} ORDER BY created_at, name`).all() as Row[]).map(toRecord);
    },
    get(id: string): DocumentRecord<T> | undefined {
      const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
      return row && toRecord(row);
    },
    /** Insert or replace by id (the caller validated `body`). */
    put(doc: Omit<DocumentRecord<T>, 'createdAt' | 'updatedAt'>, now: string): void {
      const existing = this.get(doc.id);
      const createdAt = existing?.createdAt ?? now;
      if (table === 'models') {
        db.prepare(
          `INSERT OR REPLACE INTO models (id, name, kind, params_json, content_hash, preset, provenance_json, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(doc.id, doc.name, doc.kind, JSON.stringify(doc.body), doc.contentHash, doc.preset ? 1 : 0,
          doc.provenance === null || doc.provenance === undefined ? null : JSON.stringify(doc.provenance), createdAt, now);
      } else {
        db.prepare(
          `INSERT OR REPLACE INTO scenarios (id, name, definition_json, content_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(doc.id, doc.name, JSON.stringify(doc.body), doc.contentHash, createdAt, now);
      }
    },
    delete(id: string): boolean {
      return db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id).changes > 0;
    },
    bodyColumn,
  };
}

export const modelsRepo = <T = unknown>(db: Database.Database) => documentsRepo<T>(db, 'models');
export const scenariosRepo = <T = unknown>(db: Database.Database) => documentsRepo<T>(db, 'scenarios');
export type DocumentsRepo<T = unknown> = ReturnType<typeof documentsRepo<T>>;
