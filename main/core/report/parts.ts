/**
 * What one stored run contributes to a report. A run kind's adapter (main/services/reports/kinds)
 * reads the run and returns this value; ./build.ts assembles the parts of all selected runs into
 * the sections. Adding a run kind never touches the assembly.
 */
import type { KeyFigure } from './figures';
import type { Block, Cell, Column, ResultSectionId } from './model';

/** A run as the audit trail lists it (store fields, no results). */
export interface RunAuditRecord {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly status: string;
  readonly inputHash: string;
  readonly resultHash: string | null;
  readonly seed: number | null;
  readonly appVersion: string;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
}

/** One input a run consumed, by id and content hash (a dataset series, a book, a model …). */
export interface RunInputRecord {
  /** E.g. "series BTC", "book", "model". */
  readonly role: string;
  readonly id: string;
  readonly contentHash: string;
}

/** One price series a run read, with its import report (dataset ranges, gaps, bad prints). */
export interface ProvenanceRecord {
  readonly datasetId: string;
  readonly datasetName: string;
  readonly synthetic: boolean;
  readonly asset: string;
  readonly firstDate: string;
  readonly lastDate: string;
  readonly rows: number;
  readonly missingDays: number;
  readonly gaps: readonly { readonly from: string; readonly to: string; readonly days: number }[];
  readonly badPrints: readonly { readonly date: string; readonly field: string; readonly value: string; readonly reason: string }[];
  readonly format: string;
  readonly sourceFile: string;
  /** Hash of the series as the run read it. */
  readonly recordedHash: string;
  /** Hash of the series the store holds now (differs when it was re-imported since the run). */
  readonly storedHash: string | null;
}

/** A row of a per-kind comparison table: runs of the same `key` share one table. */
export interface ComparisonRow {
  readonly key: string;
  readonly title: string;
  readonly columns: readonly Column[];
  readonly row: readonly Cell[];
}

export interface RunReportPart {
  readonly run: RunAuditRecord;
  /** Human name of the run kind, e.g. "Margin run", "Backtest". */
  readonly kindTitle: string;
  readonly synthetic: boolean;
  readonly keyFigures: readonly KeyFigure[];
  /** Methodology text; parts with the same key are written once. */
  readonly methodology: { readonly key: string; readonly title: string; readonly paragraphs: readonly string[] };
  /** Parameter name → value (flattened; the full parameters are in the audit bundle). */
  readonly parameters: readonly (readonly [string, Cell])[];
  readonly results: { readonly section: ResultSectionId; readonly blocks: readonly Block[] };
  readonly comparison?: ComparisonRow;
  readonly inputs: readonly RunInputRecord[];
  readonly provenance: readonly ProvenanceRecord[];
}
