// No window.api method takes a filesystem path: (1) every channel's zod input schema is walked and no
// field is a free-form path (by name, with a short list of documented exceptions); (2) the fields that
// look like one (`fileName`, `prices`) are shown not to be opened, by naming real files whose content
// differs from what the call imports; (3) the channels that write files write only into
// `<data dir>/exports/`, under names the app makes, whatever the title or preparer says.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNELS, contract, type Channel } from '../../preload/contract';
import { dispatch } from '../../main/ipc/dispatch';
import { openWorkbench, type Workbench } from '../../main/workbench';
import { WORKER_SHIM } from '../helpers/workbench';

// ------------------------------------------------------------------ schema walk

interface Leaf { channel: Channel; path: string; key: string; type: string }

/** Every leaf of a zod 4 schema with its dotted path (`files[].fileName`, `weights{}`), through wrappers, unions and pipes. */
function leaves(channel: Channel, schema: z.ZodType): Leaf[] {
  const out: Leaf[] = [];
  const stack = new Set<unknown>();
  const walk = (s: z.ZodType, path: string, key: string): void => {
    const def = (s as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
    if (stack.has(s)) return; // a recursive schema: its fields were seen on the way in
    stack.add(s);
    const child = (x: unknown, p: string, k: string) => walk(x as z.ZodType, p, k);
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) child(v, path ? `${path}.${k}` : k, k);
        if (def.catchall && (def.catchall as { _zod: { def: { type: string } } })._zod.def.type !== 'never') child(def.catchall, `${path}.*`, key);
        break;
      case 'array': child(def.element, `${path}[]`, key); break;
      case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional': case 'success':
        child(def.innerType, path, key); break;
      case 'pipe': child(def.in, path, key); child(def.out, path, key); break;
      case 'union': for (const o of def.options as unknown[]) child(o, path, key); break;
      case 'intersection': child(def.left, path, key); child(def.right, path, key); break;
      case 'record': case 'map': child(def.keyType, `${path}{key}`, 'key'); child(def.valueType, `${path}{}`, key); break;
      case 'tuple':
        (def.items as unknown[]).forEach((o, i) => child(o, `${path}[${i}]`, key));
        if (def.rest) child(def.rest, `${path}[...]`, key);
        break;
      case 'lazy': child((def.getter as () => unknown)(), path, key); break;
      default: out.push({ channel, path, key, type: def.type });
    }
    stack.delete(s);
  };
  walk(schema, '', '');
  return out;
}

const ALL_LEAVES = CHANNELS.flatMap((c) => leaves(c, contract[c].input as z.ZodType));

/** Words that name a location on disk or the network, matched against a field name's camelCase words. */
const PATH_WORDS = new Set(['path', 'paths', 'dir', 'dirs', 'directory', 'folder', 'file', 'files', 'filename', 'dest', 'destination',
  'output', 'out', 'outfile', 'outdir', 'location', 'url', 'uri', 'href', 'cwd', 'root', 'home', 'db', 'database', 'sqlite']);
const words = (key: string): string[] => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/**
 * Fields that look like paths by name and are not: each is the NAME of a file the user picked in the
 * window (the window reads the file and sends its text). Shown in messages and stored as provenance;
 * the behavioural tests below prove it is never opened.
 */
const LABEL_ONLY = new Set(['dataset:import files[].fileName', 'book:import fileName', 'calibration:calibrate impliedVolFiles{}.fileName']);

/** Free-form JSON fields: parsed by main/core (no fs by lint) or stored as JSON text, never used as a path. */
const FREE_JSON = new Map<string, string>([
  ['model:save provenance', 'stored as JSON text with the model (main/services/models.ts, plain-JSON check)'],
  ['scenario:save scenario', 'parsed by main/core/stress/parseScenario.ts'],
  ['scenario:validate scenario', 'parsed by main/core/stress/parseScenario.ts'],
  ['stress:run scenario', 'parsed by main/core/stress/parseScenario.ts'],
  ['stress:reverse scenario', 'parsed by main/core/stress/parseScenario.ts'],
  ['stress:penaltySweep scenario', 'parsed by main/core/stress/parseScenario.ts'],
]);

describe('input schemas: no field is a filesystem path', () => {
  it('walks every channel (sanity: the walk reaches nested, optional, record and array fields)', () => {
    expect(new Set(ALL_LEAVES.map((l) => l.channel)).size).toBeGreaterThan(20);
    const names = ALL_LEAVES.map((l) => `${l.channel} ${l.path}`);
    expect(names).toContain('dataset:import files[].fileName');
    expect(names).toContain('calibration:calibrate impliedVolFiles{}.text');
    expect(names).toContain('model:save config.tables[].brackets[].notionalCap');
    expect(names).toContain('report:export title');
    expect(names).toContain('dataset:series to');
  });

  it('no string or free-form field is named like a path, except the documented labels', () => {
    const pathLike = ALL_LEAVES
      .filter((l) => ['string', 'unknown', 'any', 'template_literal', 'custom'].includes(l.type))
      .filter((l) => words(l.key).some((w) => PATH_WORDS.has(w)))
      .map((l) => `${l.channel} ${l.path}`);
    expect([...new Set(pathLike)].sort()).toEqual([...LABEL_ONLY].filter((n) => CHANNELS.includes(n.split(' ')[0] as Channel)).sort());
  });

  it('free-form (unknown/any) input fields are only the documented JSON documents', () => {
    const free = ALL_LEAVES.filter((l) => l.type === 'unknown' || l.type === 'any').map((l) => `${l.channel} ${l.path}`);
    for (const f of free) expect(FREE_JSON.has(f), `${f}: a free-form input field; document why it is not a path`).toBe(true);
  });

  it('no input accepts an extra key such as `path` or `outFile` (strict objects)', async () => {
    const wbless = Object.fromEntries(CHANNELS.map((c) => [c, async () => { throw new Error(`${c} handler ran`); }])) as never;
    for (const c of CHANNELS) {
      for (const extra of [{ path: '/etc/passwd' }, { outFile: '../../x' }, { dataDir: '/' }]) {
        const r = await dispatch(wbless, c, extra);
        expect(r.ok, `${c} accepted ${JSON.stringify(extra)}`).toBe(false);
        if (!r.ok) expect(r.error.code, c).toBe('BAD_INPUT');
      }
    }
  });
});

// ------------------------------------------------------------------ behaviour on a real workbench

const TRAVERSAL = ['../../etc/x', '..\\..\\..\\Windows\\x', '/etc/passwd', 'C:\\Windows\\win.ini', 'a/../../../b', '%2e%2e%2fx', 'con', 'report\u0000.pdf'];

let sandbox: string;
let dataDir: string;
let wb: Workbench;
let runId = '';
let datasetId = '';

async function call<T>(channel: Channel, input: unknown): Promise<T> {
  const r = await dispatch(wb.handlers, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

/** Every file under `dir`, relative to it, sorted. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile()).sort();
}

const inside = (root: string, p: string): boolean => {
  const r = relative(root, resolve(p));
  return r !== '' && !r.startsWith('..') && !r.includes(`..${sep}`) && !resolve(p).includes('\u0000');
};

const BOOK = {
  name: 'Desk A',
  instruments: [{ id: 'BTC-PERP', kind: 'perpetual', underlying: 'BTC', settlement: 'linear' }],
  accounts: [{ id: 'alice', marginMode: 'cross', collateral: [{ asset: 'USDT', balance: '25000' }], positions: [{ instrumentId: 'BTC-PERP', quantity: '1.5', entryPrice: '61000' }] }],
};

beforeAll(async () => {
  // <sandbox>/a/b/data: a "../../" that escaped the data directory would land in <sandbox>/a or <sandbox>.
  sandbox = mkdtempSync(join(tmpdir(), 'mwb-paths-'));
  dataDir = join(sandbox, 'a', 'b', 'data');
  mkdirSync(dataDir, { recursive: true });
  wb = openWorkbench({ dataDir, workerFile: WORKER_SHIM, maxThreads: 2 });
  const s = await call<{ bookId: string; datasetId: string }>('workspace:createSample', {});
  datasetId = s.datasetId;
  runId = (await call<{ runId: string }>('margin:compute', { bookId: s.bookId, modelId: 'preset:tiered-binance-btcusdt-mark', datasetId })).runId;
}, 120_000);

afterAll(async () => {
  await wb?.close();
  rmSync(sandbox, { recursive: true, force: true });
});

describe('fields that name files are labels, never opened', () => {
  it('book:import imports the text it is sent, not the file its fileName names', async () => {
    const decoy = join(sandbox, 'decoy-book.json');
    writeFileSync(decoy, JSON.stringify({ ...BOOK, name: 'DECOY — read from disk' }));
    const imported = await call<{ name: string; source: string; accounts: number }>('book:import', { fileName: decoy, text: JSON.stringify(BOOK) });
    expect(imported).toMatchObject({ name: 'Desk A', source: decoy, accounts: 1 });
    const etc = await call<{ name: string; source: string }>('book:import', { fileName: '/etc/passwd', text: JSON.stringify({ ...BOOK, name: 'Desk B' }) });
    expect(etc).toMatchObject({ name: 'Desk B', source: '/etc/passwd' });
  });

  it('dataset:import imports the text it is sent, not the CSV its fileName names', async () => {
    const real = resolve(__dirname, '../fixtures/csv/BTC-USD.csv'); // 6 rows of BTC
    const text = readFileSync(resolve(__dirname, '../fixtures/e2e/TEST-USD.csv'), 'utf8'); // 400 rows
    const out = await call<{ series: { asset: string; rows: number; fileName: string }[] }>('dataset:import', {
      datasetName: 'paths test', files: [{ fileName: real, text, asset: 'TST' }],
    });
    expect(out.series).toEqual([expect.objectContaining({ asset: 'TST', rows: 400, fileName: real })]);
  });

  it('calibration channels read stored datasets by id or name: a path to a real price file is not found', async () => {
    const real = resolve(__dirname, '../fixtures/csv/BTC-USD.csv');
    for (const prices of [real, '../fixtures/csv/BTC-USD.csv', 'file:///etc/passwd']) {
      const r = await dispatch(wb.handlers, 'calibration:var', { prices, asset: 'BTC', model: { method: 'hs', confidence: 0.99, horizonDays: 1, windowDays: 250 } });
      expect(r, prices).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});

describe('channels that write files write into <data dir>/exports only', () => {
  const NAME = /^(report|audit-bundle)-\d{8}-\d{6}-[A-Za-z0-9]{1,8}(\.(html|xlsx|pdf|json))?$/;

  it('report:export (every format) and audit:exportBundle: app-made names inside exports/, whatever the title and preparer say', async () => {
    const before = tree(sandbox);
    const written: { fileName: string; path: string; bytes: number }[] = [];
    for (const [i, format] of (['html', 'csv', 'xlsx', 'pdf'] as const).entries()) {
      const title = TRAVERSAL[i % TRAVERSAL.length];
      const preparer = TRAVERSAL[(i + 3) % TRAVERSAL.length];
      written.push(await call('report:export', { runIds: [runId], format, title, preparer }));
    }
    written.push(await call('audit:exportBundle', { runIds: [runId] }));
    const exportsDir = join(dataDir, 'exports');
    for (const w of written) {
      expect(w.fileName, w.fileName).toMatch(NAME);
      expect(w.path).toBe(join(exportsDir, w.fileName));
      expect(inside(exportsDir, w.path), w.path).toBe(true);
      expect(existsSync(w.path)).toBe(true);
      // The CSV export is a folder of one file per table; the others one file of the stated size.
      const size = statSync(w.path).isDirectory() ? tree(w.path).reduce((n, f) => n + statSync(join(w.path, f)).size, 0) : statSync(w.path).size;
      expect(size, w.fileName).toBe(w.bytes);
    }
    // Nothing else changed anywhere in the sandbox: only new files under exports/ and the database's own files.
    const after = tree(sandbox);
    const added = after.filter((p) => !before.includes(p));
    const outside = added.filter((p) => !p.startsWith(join('a', 'b', 'data', 'exports') + sep) && !/^a[/\\]b[/\\]data[/\\]workbench\.db(-wal|-shm|-journal)?$/.test(p));
    expect(outside).toEqual([]);
    expect(added.filter((p) => p.startsWith(join('a', 'b', 'data', 'exports')))).toHaveLength(3 + 1 + tree(join(exportsDir, written[1].fileName)).length);
    expect(readdirSync(sandbox).sort()).toEqual(['a', 'decoy-book.json']);
    expect(readdirSync(join(sandbox, 'a'))).toEqual(['b']);
    expect(readdirSync(join(sandbox, 'a', 'b'))).toEqual(['data']);
  }, 120_000);

  it('the CSV folder holds only app-named table files', () => {
    const exportsDir = join(dataDir, 'exports');
    const csvDir = readdirSync(exportsDir).find((n) => /^report-\d{8}-\d{6}-[A-Za-z0-9]+$/.test(n))!;
    const files = readdirSync(join(exportsDir, csvDir));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f).toMatch(/^\d{2,}-[a-z0-9-]+\.csv$/);
  });
});
