import type { Command } from '../command';
import { numberFlag, stringFlag } from '../flags';

type RunInfo = { id: string; kind: string; status: string; label: string; createdAt: string; resultHash: string | null };

export const runsListCommand: Command = {
  path: ['runs', 'list'],
  summary: 'List recorded runs (newest first) with their ids, kinds, status and result hashes',
  usage: 'mwb runs list [--kind KIND] [--limit N] [--json]',
  options: { kind: { type: 'string' }, limit: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const limit = numberFlag(args, 'limit', { integer: true, min: 1, max: 1000, default: 200 });
    return ctx.workbench().services.runs.list({ kind: stringFlag(args, 'kind'), limit });
  },
  text(result) {
    const { runs } = result as { runs: RunInfo[] };
    if (runs.length === 0) return 'No runs recorded yet.';
    return runs.map((r) => `${r.id}  ${r.kind.padEnd(22)} ${r.status.padEnd(11)} ${r.createdAt}  ${r.label}`).join('\n');
  },
};
