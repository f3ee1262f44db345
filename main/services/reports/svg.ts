import * as echarts from 'echarts';
import type { ChartSpec } from '../../core/report';
import { chartOption } from '../../core/report';

export const CHART_WIDTH = 900;
export const CHART_HEIGHT = 360;

/**
 * A chart spec drawn server-side to an SVG string (ECharts SSR: no DOM, no canvas). The chart is
 * always disposed, or its timers keep the Node process alive (docs: toolchain.md).
 */
export function renderChartSvg(spec: ChartSpec, size: { width: number; height: number } = { width: CHART_WIDTH, height: CHART_HEIGHT }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(chartOption(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
