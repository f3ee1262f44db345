// Registers the scatter series next to the app-wide set in ./echarts (tree-shaken build: only what is drawn).
import { use } from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import type { ChartOption } from './echarts';
import type { ScatterChartOption } from './leverageScatter';
import './echarts';

use([ScatterChart]);

/**
 * EChart.vue types its option with the union of series listed in ./echarts, which has no scatter; the
 * scatter series is registered above, so the option is valid at run time and only the type is widened.
 */
export function scatterAsChartOption(option: ScatterChartOption): ChartOption {
  return option as unknown as ChartOption;
}
