/**
 * Shared pieces of the scenario builder's drafts: the scenario file's JSON types (inferred from the
 * contract's zod schemas, so they cannot drift) and the messages-by-field map the builder shows.
 */
import type { z } from 'zod';
import type { CorrelationOperation, ScenarioFile, Shock } from '../../../../preload/contract/schemas/scenarios';

export type ScenarioWire = ScenarioFile;
export type ShockWire = Shock;
export type CorrelationShockWire = Extract<Shock, { type: 'correlation' }>;
export type CorrelationOperationWire = z.infer<typeof CorrelationOperation>;

/** Messages by field key ("BTC.price", "all.volPoints", "corr.ops.0.weight", "name", "kept.2"). */
export type FieldIssues = Record<string, string[]>;

export function addIssue(issues: FieldIssues, key: string, message: string): void {
  const list = (issues[key] ??= []);
  if (!list.includes(message)) list.push(message);
}

/**
 * A number typed into a field: empty → undefined (the field is not used); anything that is not a
 * finite number is recorded as an issue of that field (and undefined is returned).
 */
export function numberField(text: string, key: string, issues: FieldIssues, required = false): number | undefined {
  const t = text.trim();
  if (t === '') {
    if (required) addIssue(issues, key, 'is required');
    return undefined;
  }
  const x = Number(t);
  if (!Number.isFinite(x)) {
    addIssue(issues, key, `"${t}" is not a number`);
    return undefined;
  }
  return x;
}
