// When a chart series is "large" and how it is drawn then. Above LARGE_SERIES_POINTS points a
// series switches to ECharts' large-data paths (ECharts handbook, "Large data"): scatter and bar
// draw every point in one batched path (`large`, no per-item styles) progressively in chunks, so
// the window stays responsive while it draws; lines are downsampled to the pixel width
// (`sampling`), which only acts when a pixel holds more than one point.

/** Points above which a series uses ECharts' large-data rendering. */
export const LARGE_SERIES_POINTS = 5000;

/** Chunk size of progressive rendering: points drawn per animation frame. */
export const PROGRESSIVE_CHUNK = 5000;

export function isLarge(points: number): boolean {
  return points > LARGE_SERIES_POINTS;
}

/** Scatter: batched and progressive above the threshold (per-item styles are not used in large mode). */
export function largeScatter(points: number): { large: boolean; largeThreshold: number; progressive: number; progressiveThreshold: number } {
  return { large: isLarge(points), largeThreshold: LARGE_SERIES_POINTS, progressive: PROGRESSIVE_CHUNK, progressiveThreshold: LARGE_SERIES_POINTS };
}

/**
 * Line: the downsampling rule above the threshold, or none. 'lttb' (largest-triangle-three-buckets,
 * Steinarsson 2013) keeps the shape and the spikes of a noisy series; 'max' / 'min' keep the
 * bucket's extreme, for an edge that must not be drawn inside what it bounds.
 */
export function lineSampling(points: number, rule: 'lttb' | 'max' | 'min' = 'lttb'): { sampling?: 'lttb' | 'max' | 'min' } {
  return isLarge(points) ? { sampling: rule } : {};
}
