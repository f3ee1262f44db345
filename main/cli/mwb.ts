#!/usr/bin/env node
// `mwb`: the headless entry. Bundled to out/cli/mwb.js; runs under plain Node (never Electron).
import { runCli } from './run';

// A file-size limit (`ulimit -f`) sends SIGXFSZ, whose default action kills the process mid-write.
// Ignored, the write fails with EFBIG instead and the store reports it (nothing half-saved either way).
process.on('SIGXFSZ', () => undefined);

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  bundleDir: __dirname,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`mwb: internal error: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
