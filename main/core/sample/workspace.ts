/**
 * The SYNTHETIC sample workspace the app creates on first start, offline: a market (generateSampleMarket)
 * and a book valued at its last date (generateSampleBook), both from one seed. The inputs come from
 * resources/sample-workspace.json, bundled through the JSON import below; callers may pass another spec
 * (parsed with parseSampleSpec) instead.
 */
import type { Book } from '../book/types';
import specJson from '../../../resources/sample-workspace.json';
import { generateSampleBook } from './book';
import { generateSampleMarket, type SampleMarket } from './market';
import { parseSampleSpec, type SampleWorkspaceSpec } from './spec';

/** The seed of the documented sample workspace (preload/contract CreateSampleInput default). */
export const DEFAULT_SAMPLE_SEED = 20260101;

/** resources/sample-workspace.json, validated once at load. */
export const DEFAULT_SAMPLE_SPEC: SampleWorkspaceSpec = parseSampleSpec(specJson);

export interface SampleWorkspaceSummary {
  assets: string[];
  /** Calendar days per series (no gaps). */
  days: number;
  firstDate: string;
  lastDate: string;
  accounts: number;
  positions: number;
}

export interface SampleWorkspace {
  market: SampleMarket;
  book: Book;
  summary: SampleWorkspaceSummary;
}

export function generateSampleWorkspace(seed: number, spec: SampleWorkspaceSpec = DEFAULT_SAMPLE_SPEC): SampleWorkspace {
  const market = generateSampleMarket(spec, seed);
  const book = generateSampleBook(spec, market, seed);
  const first = market.series[market.assets[0]];
  return {
    market,
    book,
    summary: {
      assets: market.assets,
      days: first.length,
      firstDate: first[0].date,
      lastDate: first[first.length - 1].date,
      accounts: book.accounts.length,
      positions: book.accounts.reduce((s, a) => s + a.positions.length, 0),
    },
  };
}
