import type { Command } from '../command';
import { datasetsList, importPrices } from './data';
import { demo } from './demo';
import { liq } from './liq';
import { margin } from './margin';
import { price } from './price';
import { backtestCommand, diagnoseCommand, varCommand } from './calibration';
import { calibrateCommand, sweepCommand } from './calibrationConfig';
import { reportCommand } from './report';
import { runsListCommand } from './runs';
import { bundleCommand } from './bundle';
import { rerunCommand } from './rerun';
import { ncmCommand } from './ncm';
import { episodeCommand } from './episode';
import { reverseStressCommand, stressCommand } from './stress';

/** Every `mwb` command. Later issues add theirs here. */
export const COMMANDS: Command[] = [importPrices, datasetsList, demo, price, liq, margin, varCommand, backtestCommand, diagnoseCommand, calibrateCommand, sweepCommand,
  reportCommand, runsListCommand, bundleCommand, rerunCommand,
  ncmCommand, episodeCommand, stressCommand, reverseStressCommand];
