import type { ParseArgsConfig } from 'node:util';
import type { Workbench } from '../workbench';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  /** Opens the workbench on --db lazily: pure computations (price, liq, ncm) never touch the store. */
  workbench(): Workbench;
  json: boolean;
  dbPath: string;
  now: () => Date;
  /** The worker-thread entry, for commands that run jobs without opening --db (e.g. `mwb rerun`). */
  workerFile: string;
}

export interface ParsedCommandArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface Command {
  /** Words that select it, e.g. ['import', 'prices']. */
  path: string[];
  summary: string;
  usage: string;
  options: OptionSpec;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number };
  run(ctx: CommandContext, args: ParsedCommandArgs): Promise<unknown>;
  /** Human-readable rendering when --json is not given (defaults to indented JSON). */
  text?(result: unknown): string;
  /** Exit code for a result that was printed (default 0), e.g. 1 when `mwb rerun` finds a mismatch. */
  exitCode?(result: unknown): number;
}
