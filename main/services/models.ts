import { MarginModelConfig } from '../../preload/contract/schemas/models';
import { describeIssues } from '../../preload/contract/issues';
import { InputError, NotFoundError } from '../core/errors';
import { marginModelFromWire, type MarginModelWire } from '../core/margin/modelDispatch';
import { contentHash } from '../store/hash';
import type { ServiceContext } from './context';
import { requireJsonValue } from './jsonValue';

// Presets ship with the app (resources/presets/*.json), bundled at build time and validated on load.
const presetFiles = import.meta.glob<unknown>('../../resources/presets/*.json', { import: 'default', eager: true });

export interface ModelRecord {
  id: string;
  name: string;
  kind: MarginModelConfig['kind'];
  preset: boolean;
  contentHash: string;
  config: MarginModelConfig;
  provenance: unknown;
  createdAt: string | null;
  updatedAt: string | null;
}

/**
 * The contract's schema, then the rules only the engine checks (e.g. a tiered table's published
 * maintenance amount must match the one derived from its rates): a configuration that is stored is
 * one the engine can run, so a bad one is refused when saved, not at the first margin run.
 */
export function parseModelConfig(raw: unknown, where: string): MarginModelConfig {
  const parsed = MarginModelConfig.safeParse(raw);
  if (!parsed.success) throw new InputError(`${where}: ${describeIssues(parsed.error)}`);
  try {
    marginModelFromWire(parsed.data as MarginModelWire);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`${where}.${err.message}`);
    throw err;
  }
  return parsed.data;
}

export const PRESETS: readonly ModelRecord[] = Object.entries(presetFiles)
  .map(([path, raw]) => {
    const id = `preset:${path.replace(/^.*\//, '').replace(/\.json$/, '')}`;
    const config = parseModelConfig(raw, `preset ${id}`);
    return { id, name: config.name, kind: config.kind, preset: true, contentHash: contentHash(config), config, provenance: null, createdAt: null, updatedAt: null };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

/** Margin model configurations: built-in presets (read-only) plus the user's saved ones. */
export function modelsService(ctx: ServiceContext) {
  const repo = ctx.store.models;
  const fromStore = (d: ReturnType<typeof repo.get> & object): ModelRecord => ({
    id: d.id, name: d.name, kind: d.kind as MarginModelConfig['kind'], preset: false, contentHash: d.contentHash,
    config: d.body as MarginModelConfig, provenance: d.provenance, createdAt: d.createdAt, updatedAt: d.updatedAt,
  });
  return {
    list(): ModelRecord[] {
      return [...PRESETS, ...repo.list().map(fromStore)];
    },
    get(id: string): ModelRecord {
      const preset = PRESETS.find((p) => p.id === id);
      if (preset) return preset;
      const d = repo.get(id);
      if (!d) throw new NotFoundError(`no model configuration with id "${id}" (presets: ${PRESETS.map((p) => p.id).join(', ')})`);
      return fromStore(d);
    },
    /** Validates a configuration without saving it (for content-hash look-ups). */
    validate(raw: unknown, where: string): MarginModelConfig {
      return parseModelConfig(raw, where);
    },
    /** Validates and saves a configuration (new id unless `id` names a saved, non-preset one). */
    save(input: { id?: string; config: unknown; provenance?: unknown }): ModelRecord {
      if (input.id?.startsWith('preset:')) throw new InputError(`id: presets are read-only; save a copy under a new id`);
      const config = parseModelConfig(input.config, 'config');
      if (input.provenance !== undefined) requireJsonValue(input.provenance, 'provenance');
      const id = input.id ?? ctx.newId();
      ctx.store.transaction(() => repo.put({ id, name: config.name, kind: config.kind, body: config, contentHash: contentHash(config), preset: false, provenance: input.provenance ?? null }, ctx.now().toISOString()));
      return this.get(id);
    },
    delete(id: string): { deleted: boolean } {
      if (id.startsWith('preset:')) throw new InputError(`id: presets cannot be deleted`);
      return { deleted: ctx.store.transaction(() => repo.delete(id)) };
    },
  };
}
