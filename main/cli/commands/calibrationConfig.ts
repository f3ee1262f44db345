import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { CalibrateConfig, SweepConfig } from '../../../preload/contract/schemas/calibration';
import type { CalibrateOutput, SweepOutput } from '../../../preload/contract/schemas/calibrationChannels';
import { describeIssues } from '../../../preload/contract/issues';
import { InputError } from '../../core/errors';
import type { Command } from '../command';
import { requiredString } from '../flags';
import { readUserFile } from './data';
import { priceSourceOf } from './calibrationShared';

/** Reads and validates a JSON config file; errors name the file and the line or field. */
export function readConfigFile<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  const text = readUserFile(path);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const where = pos ? `line ${text.slice(0, Number(pos[1])).split('\n').length}` : 'JSON';
    throw new InputError(`${path}: ${where}: not valid JSON (${message.split('\n')[0]})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new InputError(`${path}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** `mwb calibrate --config FILE`: scan ranges, vol shocks, bracket MMRs and haircuts with provenance. */
export const calibrateCommand: Command = {
  path: ['calibrate'],
  summary: 'Calibrate scan ranges, vol shocks, bracket MMRs and collateral haircuts from a config file (docs/formats: calibration-configs)',
  usage: 'mwb calibrate --config FILE [--json]',
  options: { config: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const file = requiredString(args, 'config');
    const config = readConfigFile(file, CalibrateConfig);
    const dir = dirname(resolve(file));
    const impliedVolFiles: Record<string, { fileName: string; text: string }> = {};
    for (const [asset, path] of Object.entries(config.impliedVol ?? {})) {
      const full = isAbsolute(path) ? path : resolve(dir, path);
      try {
        impliedVolFiles[asset] = { fileName: basename(full), text: readUserFile(full) };
      } catch (err) {
        throw new InputError(`${file}: impliedVol.${asset}: ${(err as Error).message}`);
      }
    }
    const prices = priceSourceOf(ctx, config.prices, `${file}: prices`, dir);
    const { impliedVol: _paths, prices: _prices, ...rest } = config;
    return ctx.workbench().services.calibration.calibrate({ ...rest, prices, impliedVolFiles });
  },
  text(result) {
    const r = result as CalibrateOutput;
    const lines = [`Calibrated at ${r.at} from ${r.source}${r.runId ? ` (run ${r.runId})` : ''}`];
    for (const s of r.scanRanges) lines.push(`  ${s.asset} scan range ±${s.priceRangeDecimal}${s.boundBy ? ` (${s.boundBy})` : ''}`);
    for (const v of r.volShocks) lines.push(`  ${v.asset} vol shocks +${v.volUpPointsDecimal} / −${v.volDownPointsDecimal} points (${v.source})`);
    for (const b of r.brackets) lines.push(`  ${b.asset} brackets: ${(b.table as { brackets: { notionalCap: string; maintenanceMarginRate: string }[] }).brackets.map((x) => `${x.notionalCap}@${x.maintenanceMarginRate}`).join(', ')}`);
    if (r.haircuts) lines.push(`  haircuts: ${Object.entries(r.haircuts.haircuts).map(([a, h]) => `${a} ${h}`).join(', ')}`);
    for (const c of r.candidates) lines.push(`  candidate ${c.id}: ${c.label}`);
    return lines.join('\n');
  },
};

/** `mwb sweep --config FILE`: the parameter grid in parallel on the worker pool, with the Pareto frontier. */
export const sweepCommand: Command = {
  path: ['sweep'],
  summary: 'Sweep a grid of VaR models (method × α × window × λ × horizon × APC) in parallel; runs table and Pareto frontier',
  usage: 'mwb sweep --config FILE [--json]',
  options: { config: { type: 'string' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const file = requiredString(args, 'config');
    const config = readConfigFile(file, SweepConfig);
    const prices = priceSourceOf(ctx, config.prices, `${file}: prices`, dirname(resolve(file)));
    return ctx.workbench().services.calibration.sweep({ ...config, prices });
  },
  text(result) {
    const r = result as SweepOutput;
    const frontier = new Set(r.frontier.frontierIds);
    return [
      `${r.sets} parameter sets in ${r.parts} parallel parts, test period ${r.testPeriod.from} .. ${r.testPeriod.to}${r.runId ? ` (run ${r.runId})` : ''}`,
      'Pareto frontier (Kupiec p max, average margin min, peak-to-trough min):',
      ...r.rows.filter((row) => frontier.has(row.id)).map((row) =>
        `  ${row.id.padEnd(40)} coverage ${(100 * row.coverage).toFixed(2)}%  Kupiec p ${row.kupiecPValue.toFixed(3)}  margin ${(100 * row.averageMargin).toFixed(2)}%  peak/trough ${row.peakToTroughRatio?.toFixed(2) ?? 'n/a'}`),
    ].join('\n');
  },
};
