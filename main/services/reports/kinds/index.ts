/**
 * The run-kind registry shared by reports and audit bundles. To add a kind (e.g. 'stress'): write
 * one adapter file next to these (see ./types.ts and docs/formats.md, "Adding a
 * run kind") and list it here.
 */
import { InputError } from '../../../core/errors';
import { backtestAdapter } from './backtest';
import { calibrateAdapter } from './calibrate';
import { marginAdapter } from './margin';
import { reverseStressAdapter } from './reverseStress';
import { stressAdapter } from './stress';
import { sweepAdapter } from './sweep';
import type { RunKindAdapter } from './types';

export const RUN_KIND_ADAPTERS: readonly RunKindAdapter[] = [marginAdapter, backtestAdapter, calibrateAdapter, sweepAdapter, stressAdapter, reverseStressAdapter];

export function adapterFor(kind: string, runId: string): RunKindAdapter {
  const a = RUN_KIND_ADAPTERS.find((x) => x.kind === kind);
  if (!a) throw new InputError(`run ${runId} is a "${kind}" run; reports and bundles cover ${RUN_KIND_ADAPTERS.map((x) => x.kind).join(', ')}`);
  return a;
}

export type { RunKindAdapter } from './types';
