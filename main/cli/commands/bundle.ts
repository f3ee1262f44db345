import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import type { Command } from '../command';
import { requiredString } from '../flags';
import { runIdsFlag } from './report';

export const bundleCommand: Command = {
  path: ['bundle'],
  summary: 'Export an audit bundle: the runs with their parameters, seeds, hashes AND input data (re-run it with `mwb rerun`)',
  usage: 'mwb bundle --runs ID[,ID...] --out FILE.json [--json]',
  options: { runs: { type: 'string' }, out: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const runIds = runIdsFlag(args);
    const out = resolve(requiredString(args, 'out'));
    if (!out.toLowerCase().endsWith('.json')) throw new InputError(`--out ${out}: an audit bundle is a .json file`);
    const bundle = ctx.workbench().services.audit.bundle(runIds);
    const text = JSON.stringify(bundle);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    return {
      path: out, bytes: Buffer.byteLength(text), runs: bundle.runs.map((r) => ({ id: r.id, kind: r.kind, resultHash: r.resultHash })),
      series: bundle.inputs.series.length, books: bundle.inputs.books.length, documents: bundle.inputs.documents.length,
    };
  },
  text(result) {
    const r = result as { path: string; bytes: number; runs: unknown[]; series: number; books: number };
    return `Wrote ${r.path} (${r.bytes} bytes): ${r.runs.length} run(s), ${r.series} price series, ${r.books} book(s)`;
  },
};
