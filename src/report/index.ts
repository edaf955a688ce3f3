// internal-customer/report: Vega-Lite chart specifications (plain JSON), text tables and a
// self-contained HTML page, built from results the other modules computed. Computes nothing,
// renders nothing: no zod, no node: imports, no rendering dependency (DESIGN.md).
export type { ChartOptions, VegaLiteSpec } from './chartTypes.js';
export { type CohortChartOptions, cohortChart } from './cohortChart.js';
export { type EnpsTrendChartOptions, enpsTrendChart } from './enpsTrendChart.js';
export { escapeHtml } from './escapeHtml.js';
export {
  type FavourabilityChartItem,
  type FavourabilityChartOptions,
  favourabilityChart,
} from './favourabilityChart.js';
export { type FormatNumberOptions, formatNumber } from './formatNumber.js';
export { type HeatmapCell, type HeatmapChartOptions, heatmapChart } from './heatmapChart.js';
export {
  type ReportCellTone,
  type ReportHighlight,
  type ReportLegendEntry,
  type ReportPageOptions,
  type ReportSection,
  type ReportTable,
  reportPage,
} from './reportPage.js';
export { roundForDisplay } from './roundForDisplay.js';
export { type ScorecardChartOptions, scorecardChart } from './scorecardChart.js';
export { type ScorecardTableOptions, scorecardTable } from './scorecardTable.js';
export {
  type SurvivalChartCurve,
  type SurvivalChartOptions,
  survivalChart,
} from './survivalChart.js';
export { type TextTableOptions, textTable } from './textTable.js';
export { type TurnoverChartOptions, turnoverChart } from './turnoverChart.js';
