/**
 * A Vega-Lite specification: plain JSON (no functions, no class instances), ready for
 * `JSON.stringify`, `vegaEmbed`, Observable's `vl.render`, Altair's `alt.Chart.from_dict`,
 * Streamlit's `st.vega_lite_chart` or `vega-lite`'s `compile`. The library never renders it.
 * See https://vega.github.io/vega-lite/docs/spec.html.
 */
export interface VegaLiteSpec {
  /** The Vega-Lite JSON schema the specification follows (version 6). */
  readonly $schema: string;
  readonly [property: string]: unknown;
}

/** Options every chart builder accepts. */
export interface ChartOptions {
  /** The chart's title. Each builder has a default. */
  readonly title?: string;
  /** A line under the title. Each builder has a default saying how to read the chart. */
  readonly subtitle?: string;
  /** Width in pixels of the plotting area (or of one step, where the builder says so). */
  readonly width?: number;
  /** Height in pixels of the plotting area (or of one step, where the builder says so). */
  readonly height?: number;
}
