#!/usr/bin/env node
// `mwb`: the headless entry. Bundled to out/cli/mwb.js; runs under plain Node (never Electron).
import { runCli } from './run';

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
