import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { createJobPool } from '../../jobs/pool';
import { parseBundle, type RerunReport } from '../../services/audit';
import { rerunBundle } from '../../services/audit/rerun';
import { APP_VERSION } from '../../version';
import type { Command } from '../command';
import { createProgressBar } from '../progress';
import { readUserFile } from './data';

export const rerunCommand: Command = {
  path: ['rerun'],
  summary: 'Re-run every run of an audit bundle in fresh temporary databases and compare result hashes (exit 1 on any mismatch)',
  usage: 'mwb rerun BUNDLE.json [--json]\n\n' +
    'Never opens --db: each run is restored from the bundle into its own temporary database, re-run with the recorded\n' +
    'parameters and seed, and its result hash compared with the recorded one. Prints {"matches": true|false, "runs": [...]}.\n' +
    'Exit codes: 0 every run matches, 1 some run does not match (or could not be re-run), 2 the bundle is unreadable.',
  options: {},
  positionals: { min: 1, max: 1 },
  async run(ctx, args) {
    const path = args.positionals[0]!;
    const bundle = parseBundle(readUserFile(path), basename(path));
    const pool = createJobPool({ workerFile: ctx.workerFile, now: ctx.now });
    try {
      return await rerunBundle(bundle, { pool, appVersion: APP_VERSION, now: ctx.now, newId: randomUUID, emit: createProgressBar(process.stderr, process.env) });
    } finally {
      await pool.close();
    }
  },
  text(result) {
    const r = result as RerunReport;
    return [
      ...r.runs.map((x) => `${x.matches ? 'MATCH   ' : 'MISMATCH'} ${x.id} (${x.kind})  expected ${x.expectedHash.slice(0, 16)}…  got ${x.actualHash?.slice(0, 16) ?? 'nothing'}…` +
        `${x.problems.length ? `\n         ${x.problems.join('\n         ')}` : ''}`),
      r.matches ? `All ${r.runs.length} run(s) re-ran bit-identically.` : 'Some runs did not reproduce their recorded result hash.',
    ].join('\n');
  },
  exitCode(result) {
    return (result as RerunReport).matches ? 0 : 1;
  },
};
