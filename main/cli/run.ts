import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { InputError } from '../core/errors';
import { toApiError } from '../ipc/errors';
import { explainSqliteError } from '../store/errors';
import { defaultDbPath } from '../paths';
import { APP_VERSION } from '../version';
import { openWorkbench, type Workbench } from '../workbench';
import type { Command, CommandContext } from './command';
import { COMMANDS } from './commands';
import { createProgressBar } from './progress';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Directory of the bundled CLI (out/cli); the worker entry sits at ../main/worker.js. */
  bundleDir: string;
  /** Worker entry override (in-process tests pass the tsx shim); default `<bundleDir>/../main/worker.js`. */
  workerFile?: string;
  now?: () => Date;
}

const GLOBAL_HELP = (): string => [
  `mwb ${APP_VERSION} — Margin Workbench, headless. Same services as the desktop app; JSON out with --json.`,
  '',
  'Usage: mwb [--db PATH] [--json] COMMAND [ARGS]',
  '',
  'Global options:',
  '  --db PATH    database file (default: the app\'s per-user data directory, $MWB_DATA_DIR overrides)',
  '  --json       print exactly one JSON document on stdout',
  '  --help       show help (also `mwb COMMAND --help`)',
  '  --version    print the version',
  '',
  'Commands:',
  ...COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(20)} ${c.summary}`),
  '',
  'Exit codes: 0 success, 2 bad input (reason on stderr), 1 store problem (disk full, read-only, busy; reason on stderr) or internal error.',
].join('\n');

function findCommand(words: string[]): { command: Command; rest: string[] } | undefined {
  const matches = COMMANDS.filter((c) => c.path.every((w, i) => words[i] === w)).sort((a, b) => b.path.length - a.path.length);
  const command = matches[0];
  return command && { command, rest: words.slice(command.path.length) };
}

/** Runs one `mwb` invocation and returns its exit code (0 ok, 2 bad input, 1 internal error). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let json = false;
  let workbench: Workbench | undefined;
  try {
    const globals = parseArgs({
      args: argv, strict: false, allowPositionals: true,
      options: { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } },
    });
    json = globals.values.json === true;
    if (globals.values.version === true && globals.positionals.length === 0) {
      io.stdout(json ? JSON.stringify({ version: APP_VERSION }) : APP_VERSION);
      return 0;
    }
    const stripped = stripGlobals(argv);
    const found = findCommand(stripped);
    if (globals.values.help === true) {
      io.stdout(found ? `${found.command.usage}\n\n${found.command.summary}` : GLOBAL_HELP());
      return 0;
    }
    if (stripped.length === 0) throw new InputError('no command given; see mwb --help');
    if (!found) throw new InputError(`unknown command "${stripped.filter((w) => !w.startsWith('-')).slice(0, 2).join(' ')}"; see mwb --help`);
    const db = globals.values.db;
    if (db !== undefined && (typeof db !== 'string' || db === '')) throw new InputError('--db needs a file path');
    const dbPath = typeof db === 'string' ? db : defaultDbPath(io.env);
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: found.rest, options: found.command.options, allowPositionals: true, strict: true });
    } catch (err) {
      throw new InputError(`${found.command.path.join(' ')}: ${(err as Error).message.split('\n')[0]}. Usage: ${found.command.usage}`);
    }
    const { min, max } = found.command.positionals;
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      throw new InputError(`${found.command.path.join(' ')} takes ${min === max ? min : `${min}..${max}`} argument(s), got ${parsed.positionals.length}. Usage: ${found.command.usage}`);
    }
    const progress = createProgressBar(process.stderr, io.env);
    const workerFile = io.workerFile ?? join(io.bundleDir, '..', 'main', 'worker.js');
    const ctx: CommandContext = {
      json, dbPath, now: io.now ?? (() => new Date()), workerFile,
      workbench: () => {
        if (!workbench) {
          workbench = openWorkbench({ dataDir: join(dbPath, '..'), dbPath, workerFile, now: io.now });
          workbench.onEvent(progress);
        }
        return workbench;
      },
    };
    const result = await found.command.run(ctx, { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals });
    io.stdout(json ? JSON.stringify(result) : found.command.text ? found.command.text(result) : JSON.stringify(result, null, 2));
    return found.command.exitCode?.(result) ?? 0;
  } catch (err) {
    // SQLite's own errors (a write outside a store transaction) get the store's message naming the file.
    const error = toApiError(explainSqliteError(err, dbPathOf(argv, io.env)));
    const badInput = error.code === 'BAD_INPUT' || error.code === 'NOT_FOUND';
    // A store problem (disk full, read-only, busy) is the environment's, not a bug: exit 1, said plainly.
    const label = badInput || error.code === 'STORE' ? 'error' : 'internal error';
    io.stderr(`mwb: ${label}: ${error.message.replace(/\s*\n\s*/g, ' ')}`);
    if (json) io.stdout(JSON.stringify({ ok: false, error }));
    if (!badInput && io.env.MWB_DEBUG && err instanceof Error) io.stderr(err.stack ?? '');
    return badInput ? 2 : 1;
  } finally {
    await workbench?.close();
  }
}

/** The --db path as given (for messages), else the default one. */
function dbPathOf(argv: string[], env: NodeJS.ProcessEnv): string {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db' && typeof argv[i + 1] === 'string') return argv[i + 1]!;
    if (argv[i]!.startsWith('--db=')) return argv[i]!.slice(5);
  }
  return defaultDbPath(env);
}

/** Removes --db VALUE / --db=VALUE / --json / --help / --version wherever they appear. */
function stripGlobals(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json' || a === '--help' || a === '-h' || a === '--version') continue;
    if (a === '--db') { i++; continue; }
    if (a.startsWith('--db=')) continue;
    out.push(a);
  }
  return out;
}
