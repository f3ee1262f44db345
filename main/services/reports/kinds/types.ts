import type { RunReportPart } from '../../../core/report';
import type { Store } from '../../../store';
import type { RunRecord } from '../../../store/runs';
import type { BundleInputs, BundleInputsBuilder, BundleRun } from '../../audit/bundle';
import type { ServiceContext } from '../../context';

/**
 * Everything the report and the audit trail need to know about one stored run kind. A new kind
 * (e.g. 'stress') plugs in with one adapter file registered in ./index.ts: nothing else changes.
 */
export interface RunKindAdapter {
  /** The stored run kind (`runs.kind`) this adapter reads. */
  readonly kind: string;
  /** Human name, e.g. "Backtest". */
  readonly title: string;
  /** The report content of one succeeded run, read from the store. */
  reportPart(run: RunRecord, store: Store): RunReportPart;
  /**
   * Adds the run's input data to a bundle (series bars, book, documents). Throws InputError naming
   * the run and the input when the store no longer holds it as the run read it.
   */
  collectInputs(run: RunRecord, store: Store, into: BundleInputsBuilder): void;
  /**
   * Restores the run's inputs from the bundle into `ctx.store` (a fresh, temporary database), runs
   * it again through its own service with the recorded parameters and returns the new result hash.
   * Every input check that fails (bars that no longer hash to the recorded hash …) is pushed onto
   * `problems`; the re-run still goes ahead, so its hash shows what the changed data gives.
   */
  rerun(run: BundleRun, inputs: BundleInputs, ctx: ServiceContext, problems: string[]): Promise<string>;
}
