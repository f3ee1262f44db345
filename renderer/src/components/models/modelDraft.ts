/**
 * The model editor's draft: a plain JSON copy of a configuration that the form edits field by field,
 * validated on every change by the SAME zod schema main uses (preload/contract/schemas/models.ts), so
 * the messages shown next to the fields are the ones the server would return.
 */
import DecimalJs from 'decimal.js';
import { z } from 'zod';
import type { InjectionKey } from 'vue';
import { MarginModelConfig } from '../../../../preload/contract/schemas/models';

// The renderer's CSP has no 'unsafe-eval': zod's JIT probe (new Function) would be reported as a
// violation even though zod catches it. Jitless parsing is the same validation without the probe.
z.config({ jitless: true });

/** Exact decimal arithmetic for the derived maintenance amounts (money: never float). */
const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });

export type PathPart = string | number;
export type Path = readonly PathPart[];
export type Draft = Record<string, unknown>;
/** Messages by field path ("tables.0.brackets.2.maintenanceMarginRate"; "" for the whole object). */
export type IssueMap = Record<string, string[]>;

export type ModelKind = MarginModelConfig['kind'];

export const KIND_LABELS: Record<ModelKind, string> = {
  tiered: 'Tiered brackets',
  scenarioGrid: 'Scenario grid',
  historicalVar: 'Historical VaR',
  parametricVar: 'Parametric VaR',
};

export function pathKey(path: Path): string {
  return path.join('.');
}

export function getAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PathPart, unknown>)[part];
  }
  return node;
}

/**
 * Sets the value at `path`, creating objects on the way. `undefined` removes an object key (an
 * optional field left empty is absent, not ""), so the draft stays a valid strict-object shape.
 */
export function setAt(root: Draft, path: Path, value: unknown): void {
  if (path.length === 0) throw new Error('setAt needs a non-empty path');
  let node = root as Record<PathPart, unknown>;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object') node[part] = {};
    node = node[part] as Record<PathPart, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
}

/** zod issues → messages by path; a record's invalid key shows the key rule's own message. */
export function issueMap(error: z.ZodError): IssueMap {
  const out: IssueMap = {};
  for (const issue of error.issues) {
    const nested = issue.code === 'invalid_key' ? issue.issues.map((i) => i.message) : [issue.message];
    const key = pathKey(issue.path as PathPart[]);
    for (const message of nested) {
      const list = (out[key] ??= []);
      if (!list.includes(message)) list.push(message);
    }
  }
  return out;
}

/**
 * cum(n) of a bracket table from its caps and maintenance rates, as exact decimal strings:
 * cum(1) = 0, cum(n) = cap(n−1) × (MMR(n) − MMR(n−1)) + cum(n−1) (Binance FAQ "How to Calculate
 * Liquidation Price of USDⓈ-M Futures Contracts"; the same recursion as main/core/margin/brackets.ts).
 * From the first bracket whose inputs are not decimals on, the amount is unknown (null).
 */
export function derivedMaintenanceAmounts(brackets: readonly { notionalCap?: unknown; maintenanceMarginRate?: unknown }[]): (string | null)[] {
  const out: (string | null)[] = [];
  let cum: InstanceType<typeof Dec> | null = new Dec(0);
  brackets.forEach((b, n) => {
    const rate = decimalOrNull(b.maintenanceMarginRate);
    if (cum === null || rate === null) {
      cum = null;
    } else if (n > 0) {
      const prev = brackets[n - 1];
      const floor = decimalOrNull(prev.notionalCap);
      const prevRate = decimalOrNull(prev.maintenanceMarginRate);
      cum = floor === null || prevRate === null ? null : floor.mul(rate.sub(prevRate)).add(cum);
    }
    out.push(cum === null ? null : cum.toString());
  });
  return out;
}

function decimalOrNull(v: unknown): InstanceType<typeof Dec> | null {
  if (typeof v !== 'string' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/.test(v.trim())) return null;
  return new Dec(v.trim());
}

/**
 * A published maintenance amount must equal the one derived from the rates (main re-checks this when
 * it compiles the model); flag a mismatch at the field before saving.
 */
function maintenanceAmountIssues(draft: Draft): IssueMap {
  const out: IssueMap = {};
  if (draft.kind !== 'tiered' || !Array.isArray(draft.tables)) return out;
  draft.tables.forEach((table: unknown, t) => {
    const brackets = getAt(table, ['brackets']);
    if (!Array.isArray(brackets)) return;
    const derived = derivedMaintenanceAmounts(brackets as Record<string, unknown>[]);
    brackets.forEach((b: Record<string, unknown>, i) => {
      const given = decimalOrNull(b.maintenanceAmount);
      const want = derived[i];
      if (given !== null && want !== null && !given.eq(want)) {
        out[pathKey(['tables', t, 'brackets', i, 'maintenanceAmount'])] = [`disagrees with the amount derived from the rates, ${want}`];
      }
    });
  });
  return out;
}

export type Validation = { ok: true; config: MarginModelConfig; issues: IssueMap } | { ok: false; issues: IssueMap };

/** The schema's verdict on the draft, plus the derived-amount check. */
export function validateDraft(draft: Draft): Validation {
  const parsed = MarginModelConfig.safeParse(draft);
  const issues = parsed.success ? {} : issueMap(parsed.error);
  for (const [key, messages] of Object.entries(maintenanceAmountIssues(draft))) (issues[key] ??= []).push(...messages);
  if (parsed.success && Object.keys(issues).length === 0) return { ok: true, config: parsed.data, issues };
  return { ok: false, issues };
}

/** A deep, editable copy of a stored configuration (the stored record is never edited in place). */
export function draftFrom(config: MarginModelConfig, name?: string): Draft {
  const draft = JSON.parse(JSON.stringify(config)) as Draft;
  if (name !== undefined) draft.name = name;
  return draft;
}

/** What a field component needs from the editor: read, write and the issues at a path. */
export interface DraftContext {
  get(path: Path): unknown;
  set(path: Path, value: unknown): void;
  issuesAt(path: Path): string[];
}

export const DRAFT_CONTEXT: InjectionKey<DraftContext> = Symbol('model-draft');
