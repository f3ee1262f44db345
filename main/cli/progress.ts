import type { EventName, EventPayload } from '../../preload/contract';

/**
 * A terminal progress bar on stderr, fed by the same job:progress events the window shows. Drawn in
 * place on a TTY; on a pipe (or with MWB_PROGRESS=lines) it prints a line per 10% so logs stay short.
 */
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env) {
  const mode = env.MWB_PROGRESS === 'off' ? 'off' : stream.isTTY && env.MWB_PROGRESS !== 'lines' ? 'tty' : env.MWB_PROGRESS === 'lines' ? 'lines' : 'off';
  const lastDecile = new Map<string, number>();
  let drawn = false;
  const width = 30;

  return function onEvent<E extends EventName>(event: E, payload: EventPayload<E>): void {
    if (mode === 'off') return;
    if (event === 'job:progress') {
      const p = payload as EventPayload<'job:progress'>;
      const fraction = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
      const pct = Math.floor(fraction * 100);
      if (mode === 'tty') {
        const filled = Math.round(fraction * width);
        stream.write(`\r${p.kind} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${p.message.slice(0, 40).padEnd(40)}`);
        drawn = true;
      } else {
        const decile = Math.floor(pct / 10);
        if (decile !== lastDecile.get(p.jobId)) {
          lastDecile.set(p.jobId, decile);
          stream.write(`${p.kind} ${pct}% ${p.message}\n`);
        }
      }
    } else if (event === 'job:finished') {
      const f = payload as EventPayload<'job:finished'>;
      if (mode === 'tty' && drawn) stream.write('\n');
      drawn = false;
      if (f.status !== 'succeeded') stream.write(`${f.kind} ${f.status}${f.error ? `: ${f.error}` : ''}\n`);
    }
  };
}
