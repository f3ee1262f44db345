/** SYNTHETIC sample workspace generator: deterministic market + book so the app works offline on first start. */
export { generateSampleMarket, MARKET_SEED_SALT, type SampleEpisode, type SampleMarket } from './market';
export { generateSampleBook, sampleValuationContext, BOOK_SEED_SALT } from './book';
export {
  generateSampleWorkspace, DEFAULT_SAMPLE_SEED, DEFAULT_SAMPLE_SPEC, type SampleWorkspace, type SampleWorkspaceSummary,
} from './workspace';
export { parseSampleSpec, type SampleWorkspaceSpec, type MarketSpec, type BookSpec } from './spec';
