// Registers only the ECharts parts the app draws (tree-shaken build; vue-echarts style).
import { use } from 'echarts/core';
import { BarChart, CandlestickChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, CandlestickSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption, GridComponentOption, LegendComponentOption, MarkLineComponentOption,
  TitleComponentOption, TooltipComponentOption,
} from 'echarts/components';

use([
  BarChart, CandlestickChart, LineChart, ScatterChart,
  DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption | CandlestickSeriesOption | LineSeriesOption | ScatterSeriesOption
  | DataZoomComponentOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption
  | TitleComponentOption | TooltipComponentOption
>;
