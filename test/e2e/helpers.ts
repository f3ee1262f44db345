import type { Page } from 'playwright-core';
import { dispatch } from '../../main/ipc/dispatch';
import { waitForJobEnd, type AppSession } from './harness';

/** Calls a channel of the same workbench the page uses, to compare what the page shows with the source. */
export async function call<T>(session: AppSession, channel: string, input: unknown): Promise<T> {
  const res = (await dispatch(session.workbench.handlers, channel, input)) as { ok: boolean; data?: T; error?: { message: string } };
  if (!res.ok) throw new Error(`${channel}: ${res.error?.message}`);
  return res.data as T;
}

/** Waits until the view's job with a label containing `label` has ended, and returns how. */
export async function waitForNamedJob(page: Page, label: string): Promise<{ phase: string; alert: string }> {
  await page.locator('.job .label', { hasText: label }).waitFor();
  return waitForJobEnd(page, 240_000);
}
