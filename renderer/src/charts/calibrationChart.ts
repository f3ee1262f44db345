// Shared pieces of the Calibration view's charts (titles, percentage labels, explicit axis extents).
import type { ChartOption } from './echarts';
import { palette } from './palette';

/** The title block every calibration chart uses; synthetic data is named in red in the title itself. */
export function chartTitleBlock(text: string, subtext: string, synthetic: boolean): ChartOption['title'] {
  return {
    text: synthetic ? `${text} — SYNTHETIC` : text,
    subtext,
    left: 8,
    textStyle: { fontSize: 13, fontWeight: 600, color: synthetic ? palette.down : palette.ink },
    subtextStyle: { color: palette.muted, fontSize: 11, lineHeight: 15 },
  };
}

/** 0.0734 → "7.34 %": fractions of notional as percentages with a fixed number of decimals. */
export function percentLabel(x: number, digits = 2): string {
  return `${(x * 100).toFixed(digits)} %`;
}

/** Axis ticks: 0.05 → "5%", 0.025 → "2.5%", -0.1 → "-10%" (no float noise such as 7.000000001). */
export function percentTick(v: number): string {
  return `${Number((v * 100).toPrecision(6))}%`;
}

/**
 * An axis extent with a margin of `pad` × the data range on each side (at least `minSpan` wide),
 * so no point sits on the frame. Given explicitly to ECharts as min/max, the plotted extent is
 * exactly this, which keeps pixel positions a pure function of the option (see pointPixel).
 */
export function paddedExtent(values: readonly number[], pad = 0.08, minSpan = 1e-6): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  // A reduce, not Math.min(...finite): spreading 100,000 values overflows the call stack.
  let lo = finite.reduce((a, b) => Math.min(a, b), Infinity);
  let hi = finite.reduce((a, b) => Math.max(a, b), -Infinity);
  if (hi - lo < minSpan) {
    const mid = (lo + hi) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
  }
  const margin = (hi - lo) * pad;
  return [lo - margin, hi + margin];
}
