import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../context';

/** The only folder the window's exports are written to: `<data dir>/exports` (no path ever comes from the renderer). */
export const EXPORTS_DIR = 'exports';

/**
 * A new, unique name inside the exports folder: `<stem>-<UTC yyyymmdd-hhmmss>-<id>.<ext>` (the id
 * keeps two exports in the same second apart). Creates the folder if needed.
 */
export function exportTarget(ctx: Pick<ServiceContext, 'dataDir' | 'now' | 'newId'>, stem: string, ext: string): { fileName: string; path: string } {
  const dir = join(ctx.dataDir, EXPORTS_DIR);
  mkdirSync(dir, { recursive: true });
  const stamp = ctx.now().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const id = ctx.newId().replace(/[^A-Za-z0-9]/g, '').slice(0, 8);
  const fileName = `${stem}-${stamp}-${id}${ext ? `.${ext}` : ''}`;
  return { fileName, path: join(dir, fileName) };
}
