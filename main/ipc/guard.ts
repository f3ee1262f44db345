/**
 * The per-call decision of the Electron IPC glue (register.ts), kept free of `electron` so it runs
 * under plain Node in tests: a call is served only when it comes from the app's own page in the
 * window's top frame (Electron security checklist item 17, "Validate the sender of all IPC
 * messages"); everything else is refused with FORBIDDEN before any handler or validation runs.
 */
import type { Result } from '../../preload/contract';
import { dispatch, type Handlers } from './dispatch';
import { isTrustedSenderUrl } from './sender';

/**
 * What the guard reads from Electron's `event.senderFrame` (a WebFrameMain): its URL and its parent
 * frame, which is `null` for a top-level frame. Electron gives `null` for a frame that has gone away.
 */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** Why a sender is refused, or null when it may call. */
export function senderRefusal(frame: SenderFrame | null | undefined, appUrl: string): string | null {
  if (frame === null || frame === undefined) return 'the sending frame is gone';
  // Only the window's own top frame: the CSP forbids frames, and a subframe that slipped through
  // (even one showing an app URL) must not reach the handlers.
  if (frame.parent !== null) return 'a call from a subframe';
  if (!isTrustedSenderUrl(frame.url, appUrl)) return 'a call from a page that is not the app';
  return null;
}

/**
 * One `ipcMain.handle` invocation: sender check → dispatch (validate input → handler → validate
 * output). Never throws: the renderer always receives a Result.
 */
export function handleInvoke(
  workbench: { readonly handlers: Handlers },
  appUrl: string,
  senderFrame: SenderFrame | null | undefined,
  channel: string,
  payload: unknown,
): Promise<Result<unknown>> {
  const refusal = senderRefusal(senderFrame, appUrl);
  if (refusal !== null) {
    return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: `${String(channel).slice(0, 80)}: refused ${refusal}` } });
  }
  return dispatch(workbench.handlers, channel, payload);
}
