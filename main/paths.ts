import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Margin Workbench';
export const DB_FILE = 'workbench.db';

/**
 * The per-user data directory, shared by the desktop app and `mwb` so both open the same database.
 * Mirrors Electron's `app.getPath('userData')` (appData + productName) without importing Electron;
 * main/index.ts sets Electron's userData to this same path. MWB_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MWB_DATA_DIR) return env.MWB_DATA_DIR;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultDataDir(env), DB_FILE);
}
