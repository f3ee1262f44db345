import type { CompareView } from '../../preload/contract/schemas/compare';
import type { Store } from '../store';
import type { RunRecord } from '../store/runs';

/**
 * Everything the Compare view needs to know about one stored run kind. A new kind plugs in with one
 * adapter file registered in ./compare.ts (COMPARE_ADAPTERS); "what changed" needs nothing per kind.
 */
export interface CompareKindAdapter {
  /** The stored run kind (`runs.kind`). */
  readonly kind: string;
  /** Human name of the kind, plural ("Margin runs"). */
  readonly title: string;
  /**
   * The parts of a run's name, in a fixed order and shape for the kind (its model, book and date; its
   * backtest target, method and window …; '' for a part the run lacks). Legends and column headers
   * show only the parts that differ between the compared runs (compare.ts distinguishingTitles).
   */
  runTitleParts(run: RunRecord, store: Store): string[];
  /** Whether the run read generated (SYNTHETIC) data. */
  synthetic(run: RunRecord, store: Store): boolean;
  /** The kind's side-by-side data: shared chart axes and difference tables. `notes` collects caveats for the view. */
  view(runs: readonly RunRecord[], store: Store, notes: string[]): CompareView;
}
