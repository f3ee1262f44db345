import type { Command } from '../command';
import { datasetsList, importPrices } from './data';
import { demo } from './demo';
import { liq } from './liq';
import { price } from './price';

/** Every `mwb` command. Later issues add theirs here. */
export const COMMANDS: Command[] = [importPrices, datasetsList, demo, price, liq];
