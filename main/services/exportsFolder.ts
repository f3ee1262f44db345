import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from './context';
import { EXPORTS_DIR } from './reports/files';

/**
 * app:openExportsFolder — shows `<data dir>/exports` (where every report and bundle the window
 * exports is written) in the system file manager. Only the desktop app can open a folder: it injects
 * `openPath` (Electron's shell.openPath). Headless (CLI, tests, the e2e harness) the folder is only
 * named, so the view shows the path instead.
 */
export async function openExportsFolder(ctx: Pick<ServiceContext, 'dataDir' | 'openPath'>): Promise<{ opened: boolean; path: string }> {
  const path = join(ctx.dataDir, EXPORTS_DIR);
  mkdirSync(path, { recursive: true });
  if (!ctx.openPath) return { opened: false, path };
  await ctx.openPath(path);
  return { opened: true, path };
}
