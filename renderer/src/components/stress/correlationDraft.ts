/**
 * The correlation editor's draft: the scenario's one correlation base and its operations as typed,
 * and their translation to the scenario file's JSON form (docs/formats scenarios, "correlation").
 * Pairs are typed as text ("BTC:ETH, ETH:SOL"; overrides "BTC:ETH=0.9") so every operation round-trips
 * exactly; a blendTarget operation (a whole target matrix) is carried as written with its weight editable.
 */
import type { CorrelationOperationWire, CorrelationShockWire, FieldIssues } from './draftTypes';
import { addIssue, numberField } from './draftTypes';

export type OpDraft =
  | { op: 'blend'; toward: 'ones' | 'zero'; weight: string; /** [] = every asset of the matrix. */ assets: string[] }
  | { op: 'flipSign'; pairs: string; weight: string }
  | { op: 'override'; pairs: string; weight: string }
  | { op: 'blendTarget'; target: { assets: string[]; matrix: number[][] }; weight: string };

export interface CorrelationDraft {
  enabled: boolean;
  estimator: 'sample' | 'ewma';
  /** EWMA λ as typed (empty = the default 0.94). */
  lambda: string;
  /** Optional estimation window of return dates (both empty = the whole history). */
  from: string;
  to: string;
  operations: OpDraft[];
}

export function defaultCorrelationDraft(): CorrelationDraft {
  return { enabled: false, estimator: 'sample', lambda: '', from: '', to: '', operations: [] };
}

export function newOperation(op: OpDraft['op']): OpDraft {
  switch (op) {
    case 'blend': return { op, toward: 'ones', weight: '0.5', assets: [] };
    case 'flipSign': return { op, pairs: '', weight: '1' };
    case 'override': return { op, pairs: '', weight: '1' };
    default: throw new Error('a blendTarget operation comes from a loaded scenario; it cannot be made empty');
  }
}

const PAIR = /^([A-Z0-9]+)\s*[:/]\s*([A-Z0-9]+)$/;

/** "BTC:ETH, SOL:DOGE" → [["BTC","ETH"],["SOL","DOGE"]]; a piece that is not A:B is named. */
export function parsePairs(text: string): { pairs: [string, string][]; bad: string[] } {
  const pairs: [string, string][] = [];
  const bad: string[] = [];
  for (const piece of text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean)) {
    const m = PAIR.exec(piece.toUpperCase());
    if (m) pairs.push([m[1], m[2]]);
    else bad.push(piece);
  }
  return { pairs, bad };
}

/** "BTC:ETH=0.9, ETH:SOL=-0.2" → override pairs; a piece without a number is named. */
export function parseOverrides(text: string): { pairs: { assets: [string, string]; correlation: number }[]; bad: string[] } {
  const pairs: { assets: [string, string]; correlation: number }[] = [];
  const bad: string[] = [];
  for (const piece of text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean)) {
    const [pair, value] = piece.split('=').map((s) => s.trim());
    const m = PAIR.exec((pair ?? '').toUpperCase());
    const x = value === undefined || value === '' ? NaN : Number(value);
    if (m && Number.isFinite(x)) pairs.push({ assets: [m[1], m[2]], correlation: x });
    else bad.push(piece);
  }
  return { pairs, bad };
}

export const formatPairs = (pairs: readonly (readonly [string, string])[]): string => pairs.map(([a, b]) => `${a}:${b}`).join(', ');
export const formatOverrides = (pairs: readonly { assets: readonly [string, string]; correlation: number }[]): string =>
  pairs.map((p) => `${p.assets[0]}:${p.assets[1]}=${p.correlation}`).join(', ');

/**
 * The operations as JSON, with text errors recorded under `corr.ops.<j>.<field>`. A weight left empty
 * on flipSign / override means the schema's default (1: the full flip / the given value).
 */
export function operationsOfDraft(ops: readonly OpDraft[], issues: FieldIssues): CorrelationOperationWire[] {
  return ops.map((o, j): CorrelationOperationWire => {
    const key = `corr.ops.${j}`;
    const weight = numberField(o.weight, `${key}.weight`, issues, o.op === 'blend' || o.op === 'blendTarget');
    switch (o.op) {
      case 'blend':
        return { op: 'blend', toward: o.toward, weight: weight ?? 0, ...(o.assets.length ? { assets: [...o.assets] } : {}) };
      case 'flipSign': {
        const { pairs, bad } = parsePairs(o.pairs);
        if (bad.length) addIssue(issues, `${key}.pairs`, `not a pair A:B: ${bad.join(', ')}`);
        return { op: 'flipSign', pairs, ...(weight === undefined ? {} : { weight }) };
      }
      case 'override': {
        const { pairs, bad } = parseOverrides(o.pairs);
        if (bad.length) addIssue(issues, `${key}.pairs`, `not A:B=correlation: ${bad.join(', ')}`);
        return { op: 'override', pairs, ...(weight === undefined ? {} : { weight }) };
      }
      default:
        return { op: 'blendTarget', target: { assets: [...o.target.assets], matrix: o.target.matrix.map((r) => [...r]) }, weight: weight ?? 0 };
    }
  });
}

/** The correlation shock of the draft, or null when the editor is off or has no operation. */
export function correlationShockOfDraft(d: CorrelationDraft, issues: FieldIssues): CorrelationShockWire | null {
  if (!d.enabled || d.operations.length === 0) return null;
  const lambda = d.estimator === 'ewma' ? numberField(d.lambda, 'corr.base.lambda', issues) : undefined;
  const window = d.from.trim() || d.to.trim() ? { from: d.from.trim(), to: d.to.trim() } : undefined;
  return {
    type: 'correlation',
    base: { estimator: d.estimator, ...(lambda === undefined ? {} : { lambda }), ...(window ? { window } : {}) },
    operations: operationsOfDraft(d.operations, issues),
  };
}

const text = (x: number | undefined): string => (x === undefined ? '' : String(x));

/** A scenario's correlation shock as a draft (exact: every operation keeps its fields). */
export function correlationDraftOf(shock: CorrelationShockWire): CorrelationDraft {
  return {
    enabled: true,
    estimator: shock.base.estimator,
    lambda: text(shock.base.lambda),
    from: shock.base.window?.from ?? '',
    to: shock.base.window?.to ?? '',
    operations: shock.operations.map((o): OpDraft => {
      switch (o.op) {
        case 'blend': return { op: 'blend', toward: o.toward, weight: String(o.weight), assets: [...(o.assets ?? [])] };
        case 'flipSign': return { op: 'flipSign', pairs: formatPairs(o.pairs), weight: text(o.weight) };
        case 'override': return { op: 'override', pairs: formatOverrides(o.pairs), weight: text(o.weight) };
        default: return { op: 'blendTarget', target: { assets: [...o.target.assets], matrix: o.target.matrix.map((r) => [...r]) }, weight: String(o.weight) };
      }
    }),
  };
}

/** Maps an issue path inside the correlation shock ("operations.1.weight", "base.window.to") to its field key. */
export function correlationFieldOf(rest: readonly (string | number)[]): string {
  if (rest[0] === 'operations' && rest.length >= 2) {
    const field = rest[2] === 'pairs' ? 'pairs' : rest[2] === 'weight' ? 'weight' : rest[2] === 'assets' ? 'assets' : rest[2] === 'target' ? 'target' : '';
    return field ? `corr.ops.${rest[1]}.${field}` : `corr.ops.${rest[1]}`;
  }
  if (rest[0] === 'base') {
    if (rest[1] === 'lambda') return 'corr.base.lambda';
    if (rest[1] === 'window') return rest[2] === 'from' ? 'corr.base.from' : 'corr.base.to';
    return 'corr.base';
  }
  return 'corr';
}
