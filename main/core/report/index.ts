/** Public API of the report model (format-independent; renderers live in main/services/reports). */
export * from './model';
export * from './format';
export * from './figures';
export * from './parts';
export { buildReport, reportTables, provenanceTables, auditTables, type BuildReportInput } from './build';
export { flattenParameters } from './params';
export { chartOption, lineChartOption, barChartOption, scatterChartOption, equalWidthHistogram, PALETTE } from './charts';
export { tableToCsv, csvField, rawCellText, tableFileStem } from './csv';
export * from './methodology';
