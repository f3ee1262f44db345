// `npm start` / `npm run dev` need better-sqlite3 built for Electron's ABI, not Node's. We rebuild it with
// npm's own node-gyp pointed at Electron's headers (needs internet the first time), and leave a stamp so
// the next start skips the rebuild. `npm test` swaps it back (scripts/ensure-node-abi.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const moduleDir = dirname(require.resolve('better-sqlite3/package.json'));
const stamp = join(moduleDir, 'build', 'Release', '.mwb-abi');
const wanted = `electron-${electronVersion}`;

let nodeLoads = false;
try { new (require('better-sqlite3'))(':memory:').close(); nodeLoads = true; } catch { /* not a Node build */ }
if (!nodeLoads && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);

console.log(`Rebuilding better-sqlite3 for Electron ${electronVersion} (downloads Electron headers once)…`);
execFileSync('npm', ['rebuild', 'better-sqlite3', '--foreground-scripts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: electronVersion,
    npm_config_disturl: 'https://electronjs.org/headers',
    npm_config_build_from_source: 'true',
  },
});
writeFileSync(stamp, wanted);
