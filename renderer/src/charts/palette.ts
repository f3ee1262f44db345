/** One neutral palette for every chart and view, so colours mean the same thing everywhere. */
export const palette = {
  ink: '#1f2933',
  muted: '#616e7c',
  grid: '#e4e7eb',
  axis: '#9aa5b1',
  /** Close above open (Western convention; ECharts' default is the reverse). */
  up: '#2f7d5b',
  down: '#b83232',
  bar: '#7b8794',
  barFill: 'rgba(62, 92, 130, 0.55)',
  accent: '#3e5c82',
  reference: '#c05621',
} as const;

export const chartFont = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
