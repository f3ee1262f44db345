// Builds main + CLI + worker + bench, preload and renderer with electron-vite, then writes a
// CycloneDX software bill of materials of the runtime dependencies next to the build (out/sbom.cdx.json).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });

run(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn']);
const sbom = execFileSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--omit', 'dev'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
writeFileSync(resolve(root, 'out/sbom.cdx.json'), sbom);
console.log('build: out/ (main, cli, worker, bench, preload, renderer) and out/sbom.cdx.json');
