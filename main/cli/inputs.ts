import { statSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import { contentHash } from '../store/hash';
import type { CommandContext } from './command';
import { readUserFile } from './commands/data';

function isFile(spec: string): boolean {
  try {
    return statSync(spec).isFile();
  } catch {
    return false;
  }
}

function isDir(spec: string): boolean {
  try {
    return statSync(spec).isDirectory();
  } catch {
    return false;
  }
}

/** `--book FILE|ID`: a stored book id, or a JSON/CSV book file imported idempotently (same content → same book). */
export function resolveBookId(ctx: CommandContext, spec: string): string {
  const wb = ctx.workbench();
  if (!isFile(spec)) return wb.services.books.summary(spec).id;
  return wb.services.books.importText({ fileName: basename(spec), text: readUserFile(spec) }).id;
}

/** `--model FILE|ID`: a preset / saved model id, or a model JSON file saved once (found again by content hash). */
export function resolveModelId(ctx: CommandContext, spec: string): string {
  const wb = ctx.workbench();
  if (!isFile(spec)) return wb.services.models.get(spec).id;
  let raw: unknown;
  try {
    raw = JSON.parse(readUserFile(spec));
  } catch (err) {
    throw new InputError(`${spec}: not valid JSON (${(err as Error).message})`);
  }
  const models = wb.services.models;
  const hash = contentHash(models.validate(raw, basename(spec)));
  const existing = models.list().find((m) => m.contentHash === hash);
  return existing ? existing.id : models.save({ config: raw }).id;
}

/** `--prices DIR|DATASET`: a stored dataset, or a directory of CSV files imported as dataset `files:<dir>`. */
export async function resolveDatasetId(ctx: CommandContext, spec: string): Promise<string> {
  const wb = ctx.workbench();
  if (!isDir(spec) && !isFile(spec)) return wb.services.datasets.get(spec).id;
  const dir = resolve(spec);
  const files = isDir(spec) ? readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.csv')).sort().map((f) => join(dir, f)) : [dir];
  if (files.length === 0) throw new InputError(`--prices: no .csv files in ${spec}`);
  const out = await wb.services.datasets.importFiles({
    datasetName: `files:${dir}`, files: files.map((f) => ({ fileName: basename(f), text: readUserFile(f) })),
  });
  return out.datasetId;
}
