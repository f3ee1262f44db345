import { contract, isChannel, type ApiError, type Channel, type OutputOf, type ParsedInputOf, type Result } from '../../preload/contract';
import { describeIssues } from '../../preload/contract/issues';
import { toApiError } from './errors';

/** A handler per channel: validated input in, contract output out. Errors are thrown, mapped below. */
export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> };


/**
 * validate input → handler → validate output → Result. Used by Electron's ipcMain registration,
 * the e2e harness and the tests alike, so all three see the same behaviour.
 */
export function dispatch<C extends Channel>(handlers: Handlers, channel: C, payload: unknown): Promise<Result<OutputOf<C>>>;
export function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<Result<unknown>>;
export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    let name: string;
    try {
      name = String(channel).slice(0, 80);
    } catch {
      name = typeof channel;
    }
    return { ok: false, error: { code: 'FORBIDDEN', message: `unknown channel "${name}"` } };
  }
  const spec = contract[channel];
  const parsed = spec.input.safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'BAD_INPUT', message: `${channel}: ${describeIssues(parsed.error)}` } };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    const output = await handler(parsed.data);
    const checked = spec.output.safeParse(output);
    if (!checked.success) {
      const error: ApiError = { code: 'INTERNAL', message: `${channel} produced an invalid result: ${describeIssues(checked.error)}` };
      return { ok: false, error };
    }
    return { ok: true, data: checked.data };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}
