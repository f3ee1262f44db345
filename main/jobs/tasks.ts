import { bookToWire } from '../core/book/wire';
import { generateSampleWorkspace } from '../core/sample';
import { InputError } from '../core/errors';
import { parsePriceCsv } from '../services/prices';
import type { ParsedFile } from '../services/datasets';
import type { GeneratedSample } from '../services/workspace';
import { backtestWork, diagnoseWork, lookbackWork, sweepPartWork, varWork } from '../services/calibrationWork';
import { calibrateWork } from '../services/calibrationCalibrateWork';
import { qqWork } from '../services/calibrationQq';
import { marginBookTask } from '../services/margin/task';
import { stressBookRunTask, stressMonteCarloAccountsTask, stressPenaltySweepTask, stressReverseTask } from '../services/stress/work';
import { stressMonteCarloPrepareTask } from '../services/stress/monteCarloWork';
import { stressedPeriodTask } from '../services/stress/stressedPeriodWork';
import type { ProgressFn, TaskRegistry } from './protocol';

/**
 * Every task a worker thread can run. Payloads and results are plain data and typed arrays
 * (structured-clone safe): Decimal values travel as strings.
 */
export const TASKS = {
  'prices:parse': (payload: { files: { fileName: string; text: string; asset?: string }[]; nowIso: string }, progress: ProgressFn): ParsedFile[] => {
    const now = new Date(payload.nowIso);
    return payload.files.map((f, i) => {
      progress(i, payload.files.length, `parsing ${f.fileName}`);
      const parsed = parsePriceCsv(f.text, f.fileName, { asset: f.asset, now });
      if (parsed.bars.length === 0) throw new InputError(`${f.fileName}: no price rows`);
      progress(i + 1, payload.files.length, `parsed ${f.fileName}`);
      return { fileName: f.fileName, format: parsed.format, asset: parsed.asset, bars: parsed.bars, report: parsed.report };
    });
  },
  'sample:generate': (payload: { seed: number }, progress: ProgressFn): GeneratedSample => {
    progress(0, 2, 'generating synthetic market and book');
    const ws = generateSampleWorkspace(payload.seed);
    progress(1, 2, 'serialising');
    const book = bookToWire(ws.book);
    progress(2, 2, 'done');
    return { market: { assets: ws.market.assets, series: ws.market.series }, book, summary: ws.summary };
  },
  // The calibration lab (main/services/calibration*.ts): pure functions of plain data.
  'calibration:var': varWork,
  'calibration:backtest': backtestWork,
  'calibration:calibrate': calibrateWork,
  'calibration:sweepPart': sweepPartWork,
  'calibration:diagnose': diagnoseWork,
  'calibration:qq': qqWork,
  'calibration:lookback': lookbackWork,
  'margin:book': marginBookTask,
  // The Stress lab (main/services/stress/): Monte Carlo as prepare → account ranges (combined on the main side).
  'stress:bookRun': stressBookRunTask,
  'stress:monteCarloPrepare': stressMonteCarloPrepareTask,
  'stress:monteCarloAccounts': stressMonteCarloAccountsTask,
  'stress:reverse': stressReverseTask,
  'stress:penaltySweep': stressPenaltySweepTask,
  'stress:stressedPeriod': stressedPeriodTask,
} satisfies TaskRegistry;

export type TaskName = keyof typeof TASKS;
