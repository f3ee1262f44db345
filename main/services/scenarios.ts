import type { ScenarioRecord, ScenarioSummary } from '../../preload/contract';
import { ScenarioFile } from '../../preload/contract/schemas/scenarios';
import { InputError, NotFoundError } from '../core/errors';
import { parseScenario } from '../core/stress/parseScenario';
import type { Scenario, ScenarioWire } from '../core/stress/scenario';
import { contentHash } from '../store/hash';
import type { ServiceContext } from './context';

export interface ScenarioIssue {
  path: string;
  message: string;
}

/**
 * Every rule a scenario breaks: the contract's ScenarioFile schema (all issues, each with its field path,
 * e.g. `scenario.shocks.0.shockPct`), then — only when the schema passes — the engine's own checks
 * (parseScenario: one issue, its path as core names it, e.g. `scenario.shocks[2].target.matrix`).
 */
export function scenarioIssues(raw: unknown): { issues: ScenarioIssue[]; wire: ScenarioWire | null; parsed: Scenario | null } {
  const checked = ScenarioFile.safeParse(raw);
  if (!checked.success) {
    const issues = checked.error.issues.slice(0, 50).map((i) => ({ path: ['scenario', ...i.path].join('.'), message: i.message }));
    return { issues, wire: null, parsed: null };
  }
  try {
    const wire = checked.data as ScenarioWire;
    return { issues: [], wire, parsed: parseScenario(wire) };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const colon = err.message.indexOf(': ');
    const where = colon > 0 ? err.message.slice(0, colon) : '';
    const path = where.startsWith('scenario') ? where : where ? `scenario.${where}` : 'scenario';
    return { issues: [{ path, message: colon > 0 ? err.message.slice(colon + 2) : err.message }], wire: null, parsed: null };
  }
}

/** A valid scenario's JSON form and parsed value, or an InputError naming the first (up to five) broken fields. */
export function requireScenario(raw: unknown, what = 'scenario'): { wire: ScenarioWire; parsed: Scenario; contentHash: string } {
  const { issues, wire, parsed } = scenarioIssues(raw);
  if (!wire || !parsed) {
    const text = issues.slice(0, 5).map((i) => `${i.path.replace(/^scenario/, what)}: ${i.message}`).join('; ');
    throw new InputError(text);
  }
  return { wire, parsed, contentHash: contentHash(wire) };
}

/** Asset symbols a scenario names explicitly (shocks on "all" name none), sorted. */
export function scenarioAssets(wire: ScenarioWire): string[] {
  const out = new Set<string>();
  for (const s of wire.shocks) {
    if ('asset' in s) out.add(s.asset);
    if ('assets' in s && Array.isArray(s.assets)) s.assets.forEach((a) => out.add(a));
    if ('except' in s && s.except) s.except.forEach((a) => out.add(a));
    if (s.type === 'correlation') {
      for (const op of s.operations) {
        if (op.op === 'blend') op.assets?.forEach((a) => out.add(a));
        if (op.op === 'flipSign') op.pairs.flat().forEach((a) => out.add(a));
        if (op.op === 'override') op.pairs.forEach((p) => p.assets.forEach((a) => out.add(a)));
        if (op.op === 'blendTarget') op.target.assets.forEach((a) => out.add(a));
      }
    }
  }
  return [...out].sort();
}

function summaryOf(d: { id: string; name: string; contentHash: string; createdAt: string; updatedAt: string }, wire: ScenarioWire): ScenarioSummary {
  return {
    id: d.id, name: d.name, description: wire.description ?? '', source: wire.source ?? '', shockCount: wire.shocks.length,
    shockTypes: [...new Set(wire.shocks.map((s) => s.type))], contentHash: d.contentHash, createdAt: d.createdAt, updatedAt: d.updatedAt,
  };
}

/** Stored stress scenarios (scenarios table): validated on save, content-hashed, listed, deleted. */
export function scenariosService(ctx: ServiceContext) {
  const repo = ctx.store.scenarios;
  return {
    list(): { scenarios: ScenarioSummary[] } {
      return { scenarios: repo.list().map((d) => summaryOf(d, d.body as ScenarioWire)) };
    },
    get(id: string): ScenarioRecord {
      const d = repo.get(id);
      if (!d) throw new NotFoundError(`no scenario with id "${id}"`);
      const wire = d.body as ScenarioWire;
      return { ...summaryOf(d, wire), scenario: wire as ScenarioRecord['scenario'] };
    },
    validate(raw: unknown): { valid: boolean; issues: ScenarioIssue[]; contentHash: string | null; assets: string[] } {
      const { issues, wire } = scenarioIssues(raw);
      return { valid: wire !== null, issues, contentHash: wire ? contentHash(wire) : null, assets: wire ? scenarioAssets(wire) : [] };
    },
    /** Validates and stores (a new id unless `id` is given, which replaces that scenario). */
    save(input: { id?: string; scenario: unknown }): ScenarioRecord {
      const { wire, contentHash: hash } = requireScenario(input.scenario);
      const id = input.id ?? ctx.newId();
      ctx.store.transaction(() => repo.put({ id, name: wire.name.trim(), kind: 'scenario', body: wire, contentHash: hash, preset: false, provenance: null }, ctx.now().toISOString()));
      return this.get(id);
    },
    delete(id: string): { deleted: boolean } {
      return { deleted: ctx.store.transaction(() => repo.delete(id)) };
    },
    /** The scenario a run names: a stored id, or an inline scenario (validated here); exactly one. */
    resolve(ref: { scenarioId?: string; scenario?: unknown }): { id: string | null; wire: ScenarioWire; parsed: Scenario; contentHash: string } {
      if (ref.scenarioId !== undefined) {
        const stored = this.get(ref.scenarioId);
        const { wire, parsed, contentHash: hash } = requireScenario(stored.scenario, `scenario ${ref.scenarioId}`);
        return { id: stored.id, wire, parsed, contentHash: hash };
      }
      if (ref.scenario === undefined) throw new InputError('scenarioId: give a stored scenario id or an inline scenario');
      return { id: null, ...requireScenario(ref.scenario) };
    },
  };
}
