// `npm test`, `bench` and the CLI run better-sqlite3 under plain Node. `npm start` may have rebuilt the
// native module for Electron's ABI; if so, rebuild it for this Node before anything loads it.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (err) {
  if (!/NODE_MODULE_VERSION|was compiled against a different Node\.js version|invalid ELF|Could not locate the bindings/.test(String(err))) throw err;
  console.log(`better-sqlite3 is not built for Node ${process.version} (ABI ${process.versions.modules}); rebuilding…`);
  execFileSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'node', npm_config_target: process.versions.node } });
}
