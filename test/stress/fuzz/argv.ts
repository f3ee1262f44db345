/**
 * argv generators for the `mwb` fuzz: per command, its own flags and unknown ones, with or without
 * values (`--flag value`, `--flag=value`, a flag followed by another flag), values that are not
 * numbers, out of range, paths that do not exist, directories instead of files and wrong files; and
 * token mutations of a valid command line. Every path is absolute inside the test's temp directory,
 * so nothing a fuzzed command writes can land elsewhere; `--db` is never generated (the test sets it).
 */
import fc from 'fast-check';
import type { Command } from '../../../main/cli/command';

export interface ArgvPools {
  /** Values for any flag: numbers, words, dates, ids and temp paths of every kind. */
  values: readonly string[];
  /** Values for --out: temp paths only. */
  outs: readonly string[];
  /** Positional arguments: temp paths of every kind and words. */
  positionals: readonly string[];
}

export const UNKNOWN_FLAGS = ['--colour', '--verbose', '-x', '-', '--', '---', '--prices=', '--asset=', '--JSON', '--Help', '--d', '--db-path'];

export const BAD_NUMBERS = ['', ' ', 'abc', 'NaN', 'Infinity', '-Infinity', '1e309', '-1', '-0', '0', '0.5', '1.5', '1e3', '99999999999999999999', '0x10', '1,5', '١', '2147483648', '7301', '19', '61', '366', '1000000'];
const WORDS = ['BTC', 'btc', 'ETH', 'XRP', 'hs', 'fhs', 'parametric', 'historical', 'var', 'es', 'none', 'buffer25', 'all', 'long', 'short', 'call', 'put', 'linear',
  'inverse', 'mark', 'entry', 'BTC:0.6,ETH:0.4', 'BTC:1,BTC:1', 'BTC:x', 'BTC:0,ETH:0', 'summary,margin', 'nope', 'margin', 'backtest', 'preset:scenario-span-16', 'preset:nope',
  '2023-06-01', '2024-01-31', '2024-02-30', '31/12/2025', '1999-01-01', '9999-12-31', '0.99', '0.5', '0.95', '1', '20', '30', '250', '20000', '1000', '1', '2', '60'];

/** A flag token list for one command: its own options mostly, some unknown ones; values may be missing. */
function flagsArb(c: Command, pools: ArgvPools): fc.Arbitrary<string[]> {
  const names = Object.keys(c.options);
  const nameArb = names.length > 0
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names).map((n) => `--${n}`) }, { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_FLAGS) })
    : fc.constantFrom(...UNKNOWN_FLAGS);
  const one = nameArb.chain((flag) => {
    const name = flag.replace(/^-+/, '').replace(/=.*$/, '');
    const boolean = c.options[name]?.type === 'boolean';
    const values = name === 'out' ? pools.outs : [...pools.values, ...BAD_NUMBERS, ...WORDS];
    return fc.tuple(fc.constant(flag), fc.option(fc.constantFrom(...values), { freq: boolean ? 1 : 6 }), fc.boolean()).map(([f, v, eq]) => {
      if (v === null) return [f];
      return eq ? [`${f}=${v}`] : [f, v];
    });
  });
  return fc.array(one, { maxLength: 7 }).map((parts) => parts.flat());
}

/** Random command lines for `c`: its words, flags, 0–3 positionals, maybe --json. */
export function commandArgvArb(c: Command, pools: ArgvPools): fc.Arbitrary<string[]> {
  return fc.tuple(flagsArb(c, pools), fc.array(fc.constantFrom(...pools.positionals, ...WORDS), { maxLength: 3 }), fc.boolean(), fc.nat())
    .map(([flags, positionals, json, k]) => {
      const rest = [...flags];
      // Positionals go between, before or after the flags.
      positionals.forEach((p, i) => rest.splice((k + i) % (rest.length + 1), 0, p));
      return [...(json ? ['--json'] : []), ...c.path, ...rest];
    })
    .filter((argv) => !argv.some((a) => a === '--db' || a.startsWith('--db=')));
}

export type ArgvMutation = { op: 'drop' | 'duplicate' | 'replace' | 'insert' | 'swap' | 'cut'; at: number; value: string };

/** Token mutations of a valid command line (the command words may be hit too). */
export function mutatedArgvArb(valid: readonly string[], pools: ArgvPools): fc.Arbitrary<string[]> {
  const value = fc.constantFrom(...pools.values, ...BAD_NUMBERS, ...WORDS, ...UNKNOWN_FLAGS);
  const mutation = fc.record({ op: fc.constantFrom('drop', 'duplicate', 'replace', 'insert', 'swap', 'cut'), at: fc.nat(), value }) as fc.Arbitrary<ArgvMutation>;
  return fc.array(mutation, { minLength: 1, maxLength: 3 }).map((ms) => {
    const argv = [...valid];
    for (const m of ms) {
      if (argv.length === 0) {
        argv.push(m.value);
        continue;
      }
      const i = m.at % argv.length;
      if (m.op === 'drop') argv.splice(i, 1);
      else if (m.op === 'duplicate') argv.splice(i, 0, argv[i] ?? m.value);
      else if (m.op === 'replace') argv[i] = m.value;
      else if (m.op === 'insert') argv.splice(i, 0, m.value);
      else if (m.op === 'swap') [argv[i], argv[(i + 1) % argv.length]] = [argv[(i + 1) % argv.length]!, argv[i]!];
      else argv.length = i;
    }
    // An out path stays inside the temp directory whatever the mutation did.
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--out' && !pools.outs.includes(argv[i + 1] ?? '')) argv[i + 1] = pools.outs[0]!;
      if (argv[i]!.startsWith('--out=') && !pools.outs.includes(argv[i]!.slice(6))) argv[i] = `--out=${pools.outs[0]}`;
    }
    return argv.filter((a) => a !== '--db' && !a.startsWith('--db='));
  });
}
