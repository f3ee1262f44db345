// Registers only the ECharts parts the app draws (tree-shaken build; vue-echarts style).
import { use } from 'echarts/core';
import { BarChart, CandlestickChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent,
} from 'echarts/components';
// Stress view: correlation heatmaps (HeatmapChart + VisualMap) and marked areas/points on the reverse-stress curve.
import { MarkAreaComponent, MarkPointComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, CandlestickSeriesOption, HeatmapSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption, GridComponentOption, LegendComponentOption, MarkLineComponentOption,
  TitleComponentOption, TooltipComponentOption,
} from 'echarts/components';
import type { MarkAreaComponentOption, MarkPointComponentOption, VisualMapComponentOption } from 'echarts/components';

use([
  BarChart, CandlestickChart, HeatmapChart, LineChart, ScatterChart,
  MarkAreaComponent, MarkPointComponent, VisualMapComponent,
  DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption | CandlestickSeriesOption | HeatmapSeriesOption | LineSeriesOption | ScatterSeriesOption
  | MarkAreaComponentOption | MarkPointComponentOption | VisualMapComponentOption
  | DataZoomComponentOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption
  | TitleComponentOption | TooltipComponentOption
>;
