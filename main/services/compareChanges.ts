/**
 * "What changed" between compared runs: every recorded input field side by side — the run (app
 * version, seed), its inputs by id and content hash (book, model, dataset, series hashes, scenario,
 * valuation date), the price data as the store holds it (date range and rows per series) and every
 * parameter (a model configuration field by field, scenario shocks, backtest settings). A run
 * records everything it consumed (design.md "Data flow of a run"), so two runs with no changed
 * field must have the same result hash.
 */
import { flattenParameters, rawCellText } from '../core/report';
import type { Store } from '../store';
import type { RunRecord } from '../store/runs';
import type { ChangeRow } from '../../preload/contract/schemas/compare';
import { provenanceRecords } from './reports/kinds/shared';

export const MAX_CHANGE_ROWS = 600;
/** Per run and group: more fields than this are summarised in one "… N more" row. */
const MAX_FIELDS_PER_GROUP = 2000;

type Fields = Map<string, string | null>;

function flattened(value: unknown, prefix = ''): Fields {
  const out: Fields = new Map();
  for (const [path, cell] of flattenParameters(value, MAX_FIELDS_PER_GROUP, prefix)) out.set(path, cell === null ? null : rawCellText(cell));
  return out;
}

/** The series a run recorded (dataset id + per-asset content hashes), when it read a stored dataset. */
function recordedSeries(run: RunRecord): { datasetId: string; seriesHashes: Record<string, string> } | null {
  const inputs = run.inputs as { datasetId?: unknown; seriesHashes?: unknown } | null;
  if (!inputs || typeof inputs.datasetId !== 'string' || typeof inputs.seriesHashes !== 'object' || inputs.seriesHashes === null) return null;
  return { datasetId: inputs.datasetId, seriesHashes: inputs.seriesHashes as Record<string, string> };
}

/** Date range and rows of each series the run read, as stored now (flagged when re-imported since the run). */
function dataFields(run: RunRecord, store: Store): Fields {
  const out: Fields = new Map();
  const recorded = recordedSeries(run);
  if (!recorded) return out;
  for (const p of provenanceRecords(store, recorded.datasetId, recorded.seriesHashes)) {
    const reimported = p.storedHash !== null && p.storedHash !== p.recordedHash;
    out.set(`series ${p.asset}`, `${p.datasetName}: ${p.firstDate} .. ${p.lastDate}, ${p.rows} rows` +
      `${p.missingDays ? `, ${p.missingDays} missing days` : ''}${reimported ? ' (re-imported since the run)' : ''}${p.storedHash === null ? ' (no longer stored)' : ''}`);
  }
  return out;
}

function runFields(run: RunRecord): Fields {
  return new Map<string, string | null>([
    ['app version', run.appVersion],
    ['seed', run.seed === null ? null : String(run.seed)],
  ]);
}

/**
 * One row per field any run has, in first-seen order within each group; a value is null where a run
 * lacks the field. Over `maxRows`, every changed row is kept first and the rest are counted.
 */
export function changeRows(runs: readonly RunRecord[], store: Store, maxRows = MAX_CHANGE_ROWS): { rows: ChangeRow[]; omitted: number } {
  const groups: [ChangeRow['group'], (r: RunRecord) => Fields][] = [
    ['run', runFields],
    ['inputs', (r) => flattened(r.inputs)],
    ['data', (r) => dataFields(r, store)],
    ['parameters', (r) => flattened(r.params)],
  ];
  const rows: ChangeRow[] = [];
  for (const [group, read] of groups) {
    const perRun = runs.map(read);
    const fields: string[] = [];
    const seen = new Set<string>();
    for (const f of perRun) for (const key of f.keys()) if (!seen.has(key)) { seen.add(key); fields.push(key); }
    for (const field of fields) {
      const values = perRun.map((f) => f.get(field) ?? null);
      rows.push({ group, field, values, changed: values.some((v) => v !== values[0]) });
    }
  }
  if (rows.length <= maxRows) return { rows, omitted: 0 };
  const changed = rows.filter((r) => r.changed);
  const keptChanged = new Set(changed.slice(0, maxRows));
  let room = maxRows - keptChanged.size;
  const kept = rows.filter((r) => {
    if (keptChanged.has(r)) return true;
    if (!r.changed && room > 0) { room--; return true; }
    return false;
  });
  return { rows: kept, omitted: rows.length - kept.length };
}
