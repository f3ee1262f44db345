// Prints the portfolio-margin benchmark figures: `npx tsx test/core/margin/bench/run.ts [accounts]`.
import { benchHistoricalVar, benchParametricVar, benchScenarioGrid, scaledSampleBook } from './marginBench';
import { HS_PRESET } from '../portfolioFixtures';

const accounts = Number(process.argv[2] ?? 10_000);
const input = scaledSampleBook(accounts);
console.log(`book: ${input.compiled.accounts.count} accounts, ${input.compiled.positions.count} positions, ${input.compiled.instruments.count} instruments; compileBook ${input.compileMs.toFixed(0)} ms`);
const floor = { ...HS_PRESET, measure: 'es' as const, filteredHistorical: { lambda: '0.94' }, antiProcyclicality: { tool: 'tenYearFloor' as const } };
for (const r of [benchScenarioGrid(input), benchHistoricalVar(input), benchHistoricalVar(input, 7, floor), benchParametricVar(input)]) {
  console.log(`${r.name}: ${r.scenarios} scenarios — median ${r.medianMs.toFixed(1)} ms (prepare ${r.prepareMedianMs.toFixed(1)} ms) over ${r.runs} runs, single thread`);
}
