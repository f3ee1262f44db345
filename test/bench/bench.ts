/**
 * `npm run bench`: throughput of the heavy paths at the sizes the issues name, with peak RSS. Bundled to
 * out/bench/bench.js by `npm run build` and run under plain Node (the same code the app runs).
 * Real-data sections read ../shared/data/market when it is present.
 */
import { join } from 'node:path';
import { benchCalibration } from './calibration';
import { benchData } from './data';
import { benchMargin } from './margin';
import { benchStress } from './stress';
import { benchScale } from './scale';
import { allLines, peakRssMb } from './util';

const repoRoot = join(__dirname, '..', '..');
const marketDir = process.env.MWB_MARKET_DIR ?? join(repoRoot, '..', 'shared', 'data', 'market');

async function main(): Promise<void> {
  console.log(`Margin Workbench benchmarks — node ${process.version}, ${new Date().toISOString()}`);
  console.log(`${'section'.padEnd(12)} ${'measure'.padEnd(64)} ${'median'.padStart(13)}  ${'throughput'.padEnd(28)} peak RSS`);
  await benchData();
  await benchCalibration(marketDir);
  await benchMargin(join(__dirname, '..', 'main', 'worker.js'));
  await benchStress(join(__dirname, '..', 'main', 'worker.js'));
  await benchScale(join(__dirname, '..', 'main', 'worker.js'));
  console.log(`\n${allLines().length} measurements; peak RSS ${peakRssMb().toFixed(0)} MB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
