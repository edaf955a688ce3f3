import { InternalCustomerError } from '../core/errors.js';
import { escapeHtml } from './escapeHtml.js';
import { isOneSafeSvg } from './internal/isOneSafeSvg.js';

/** A key figure shown large at the top of a section (the organisation's eNPS, say). */
export interface ReportHighlight {
  /** What the figure is (`eNPS`). */
  readonly label: string;
  /** The figure, already formatted (`12.3`). */
  readonly value: string;
  /** A line under it (`95% CI 4.1 to 20.5, n = 312`). */
  readonly detail?: string;
}

/**
 * How a table cell is coloured: `good` (green, a result that meets its target), `poor` (orange,
 * below its target), `muted` (grey, suppressed or no data), or `null` (no colour).
 */
export type ReportCellTone = 'good' | 'poor' | 'muted' | null;

/** A table of a section, cells already formatted. */
export interface ReportTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /**
   * A tone per cell, row by row as `rows` (each row as long as the header): colours a grid, such
   * as manager scorecards. Colour is never the only signal: say it in the cell's text too.
   */
  readonly tones?: readonly (readonly ReportCellTone[])[];
}

/** One entry of a section's legend: a short mark used in the chart (`3`) and what it stands for. */
export interface ReportLegendEntry {
  readonly mark: string;
  readonly text: string;
}

/** One section of {@link reportPage}. */
export interface ReportSection {
  /** A stable id for the section's anchor and `data-section` attribute (letters, digits, `-`). */
  readonly id: string;
  readonly title: string;
  /** One line saying what the section shows and how to read it. */
  readonly explanation: string;
  /** Key figures, shown first. */
  readonly highlights?: readonly ReportHighlight[];
  /**
   * The chart as SVG markup, rendered from a Vega-Lite specification (for example by `vega`'s
   * `View.toSVG()`). It is inserted as it is, so it must come from a renderer, not from data.
   */
  readonly svg?: string;
  /**
   * Small multiples: several charts as SVG markup (one per group, each checked as `svg` is), laid
   * side by side and wrapping to the width of the screen, so that each stays legible on a phone.
   */
  readonly panels?: readonly string[];
  /**
   * What the chart's short marks stand for (numbered columns, say), shown under it as a list that
   * wraps to the width of the screen, so that no label is cut.
   */
  readonly legend?: readonly ReportLegendEntry[];
  readonly table?: ReportTable;
  /** Small print under the section (a warning, a definition). */
  readonly notes?: readonly string[];
}

/** Options of {@link reportPage}. */
export interface ReportPageOptions {
  /** The page's title and first heading. */
  readonly title: string;
  /** A line under the heading (the organisation, the day the data describes). */
  readonly subtitle?: string;
  /** Small print at the end (how the page was made). */
  readonly footer?: string;
}

const ID = /^[A-Za-z][A-Za-z0-9-]*$/;

// Fits any screen: charts shrink to the width of their section (never wider than drawn), small
// multiples and legends wrap, tables scroll inside their own box with the header row and the first
// column kept in view; the page itself never scrolls sideways.
const STYLE = `
  :root { color-scheme: light; }
  *, *::before, *::after { box-sizing: border-box; }
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
    color: #1d1d1d; background: #fafafa; margin: 0; overflow-wrap: break-word; }
  main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
  header h1 { margin: 0 0 4px; font-size: 26px; }
  header p { margin: 0; color: #555; }
  nav { margin: 16px 0 8px; font-size: 14px; }
  nav a { display: inline-block; margin: 0 14px 4px 0; color: #1f5f8b; }
  section { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 18px 20px;
    margin: 18px 0; }
  section h2 { margin: 0 0 4px; font-size: 19px; }
  p.explanation { margin: 0 0 12px; color: #444; }
  .highlights { display: flex; flex-wrap: wrap; gap: 14px; margin: 6px 0 12px; }
  .highlight { border-left: 4px solid #1f5f8b; padding: 2px 12px; }
  .highlight .label { font-size: 13px; color: #555; }
  .highlight .value { font-size: 28px; font-weight: 600; }
  .highlight .detail { font-size: 12px; color: #666; }
  figure.chart { margin: 0; }
  figure.chart svg { display: block; max-width: 100%; height: auto; }
  figure.panels { display: flex; flex-wrap: wrap; gap: 8px 20px; }
  dl.legend { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 10px;
    margin: 10px 0 0; font-size: 13px; }
  dl.legend dt { font-weight: 600; text-align: right; }
  dl.legend dd { margin: 0; }
  .table-scroll { max-width: 100%; max-height: 75vh; overflow: auto; margin-top: 10px;
    border: 1px solid #e3e3e3; width: fit-content; }
  table { border-collapse: separate; border-spacing: 0; font-size: 13px; }
  th, td { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: left; white-space: nowrap;
    background: #fff; }
  thead th { position: sticky; top: 0; z-index: 2; vertical-align: bottom; white-space: normal;
    min-width: 4.5em; border-bottom: 1px solid #bbb; }
  tr > :first-child { position: sticky; left: 0; z-index: 1; border-right: 1px solid #eee; }
  thead th:first-child { z-index: 3; }
  td.number { text-align: right; font-variant-numeric: tabular-nums; }
  td.good { background: #b8e0b0; }
  td.poor { background: #fdc58c; }
  td.muted { background: #eeeeee; color: #666; }
  ul.notes { margin: 10px 0 0; padding-left: 18px; font-size: 12px; color: #666; }
  footer { font-size: 12px; color: #777; margin-top: 24px; }
  @media (max-width: 600px) {
    main { padding: 14px 8px 32px; }
    header h1 { font-size: 21px; }
    section { padding: 12px 10px; margin: 12px 0; }
    .highlight .value { font-size: 22px; }
  }
`;

/** A number, a percentage or a dash, possibly marked `!` (below its target): right-aligned. */
const NUMERIC = /^(?:[+-]?\d+(?:\.\d+)?%?!?|–)$/;

const TONES = new Set<ReportCellTone>(['good', 'poor', 'muted', null]);

/** Why a section cannot be drawn, or null. */
function sectionProblem(section: ReportSection): string | null {
  if (section.svg !== undefined && section.panels !== undefined) return 'either svg or panels';
  for (const svg of [
    ...(section.svg === undefined ? [] : [section.svg]),
    ...(section.panels ?? []),
  ]) {
    if (!isOneSafeSvg(svg)) return 'each svg to be one <svg> element without scripts';
  }
  const table = section.table;
  if (table === undefined) return null;
  const width = table.header.length;
  if (table.rows.some((row) => row.length !== width)) return 'table rows as long as their header';
  const tones = table.tones;
  if (
    tones !== undefined &&
    (tones.length !== table.rows.length ||
      tones.some((row) => row.length !== width || row.some((tone) => !TONES.has(tone))))
  ) {
    return "tones shaped as the table's rows, each 'good', 'poor', 'muted' or null";
  }
  return null;
}

/** A table in its own scrolling box, header row and first column kept in view. */
function tableHtml({ header, rows, tones }: ReportTable): string {
  const e = escapeHtml;
  const cell = (text: string, tone: ReportCellTone | undefined) => {
    const classes = [...(NUMERIC.test(text) ? ['number'] : []), ...(tone ? [tone] : [])];
    return `<td${classes.length === 0 ? '' : ` class="${classes.join(' ')}"`}>${e(text)}</td>`;
  };
  return [
    '<div class="table-scroll"><table>',
    `<thead><tr>${header.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map(
      (row, r) => `<tr>${row.map((text, c) => cell(text, tones?.[r]?.[c])).join('')}</tr>`,
    ),
    '</tbody></table></div>',
  ].join('\n');
}

/**
 * Assembles a self-contained HTML report from sections: one page with inline styles, the charts'
 * SVG inline, no script, no web font and no link to a network resource, so it opens offline and
 * can be mailed or archived as one file. Every text (titles, explanations, highlights, table
 * cells, notes) is HTML-escaped ({@link escapeHtml}); the SVG is inserted as given and checked to
 * be one `<svg>` element of passive SVG elements only (no script, `foreignObject`, link, image,
 * style or other element, no event handler, nothing after it). The page fits any screen, from a
 * phone (390 px) to a desktop, without sideways scrolling: charts shrink to the section's width,
 * small multiples (`panels`) and legends wrap, and tables scroll inside their own box with the
 * header row and the first column kept in view. The report computes nothing:
 * format figures with {@link formatNumber}, build charts with the chart builders, and render them
 * to SVG with `vega` and `vega-lite` (the command line tool does all of this in
 * `internal-customer report`). O(size of the sections).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a section id that is not a letter followed by
 * letters, digits or `-`, two sections with one id, SVG that is not one `<svg>` element of
 * passive SVG elements, a section with both `svg` and `panels`, a table row whose length differs
 * from its header's, or tones not shaped as the rows.
 *
 * @example
 * const html = reportPage([{ id: 'enps', title: 'eNPS <all>', explanation: 'Promoters minus detractors.', highlights: [{ label: 'eNPS', value: '12.3' }] }], { title: 'People report' });
 * html.startsWith('<!doctype html>') // => true
 * html.includes('eNPS &lt;all&gt;') // => true
 * reportPage([{ id: 'x', title: 'x', explanation: 'x', svg: '<svg><script>alert(1)</script></svg>' }], { title: 'x' }) // => throws INVALID_INPUT
 */
export function reportPage(sections: readonly ReportSection[], options: ReportPageOptions): string {
  const ids = new Set<string>();
  for (const section of sections) {
    if (!ID.test(section.id) || ids.has(section.id)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `reportPage requires unique section ids made of a letter then letters, digits or "-", got ${JSON.stringify(section.id)}`,
      );
    }
    ids.add(section.id);
    const problem = sectionProblem(section);
    if (problem !== null) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `reportPage requires ${problem}, got a section "${section.id}" that does not`,
      );
    }
  }
  const e = escapeHtml;
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network: only inline styles and images may load.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${e(options.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header>',
    `<h1>${e(options.title)}</h1>`,
    ...(options.subtitle === undefined ? [] : [`<p>${e(options.subtitle)}</p>`]),
    '</header>',
    `<nav>${sections.map((s) => `<a href="#${s.id}">${e(s.title)}</a>`).join('')}</nav>`,
  ];
  for (const section of sections) {
    parts.push(`<section id="${section.id}" data-section="${section.id}">`);
    parts.push(`<h2>${e(section.title)}</h2>`);
    parts.push(`<p class="explanation">${e(section.explanation)}</p>`);
    if (section.highlights !== undefined && section.highlights.length > 0) {
      parts.push('<div class="highlights">');
      for (const h of section.highlights) {
        parts.push(
          `<div class="highlight"><div class="label">${e(h.label)}</div><div class="value">${e(h.value)}</div>` +
            (h.detail === undefined ? '' : `<div class="detail">${e(h.detail)}</div>`) +
            '</div>',
        );
      }
      parts.push('</div>');
    }
    if (section.svg !== undefined) {
      parts.push(`<figure class="chart" data-chart="${section.id}">${section.svg.trim()}</figure>`);
    }
    if (section.panels !== undefined && section.panels.length > 0) {
      parts.push(
        `<figure class="chart panels" data-chart="${section.id}">${section.panels.map((svg) => svg.trim()).join('')}</figure>`,
      );
    }
    if (section.legend !== undefined && section.legend.length > 0) {
      parts.push(
        `<dl class="legend">${section.legend.map(({ mark, text }) => `<dt>${e(mark)}</dt><dd>${e(text)}</dd>`).join('')}</dl>`,
      );
    }
    if (section.table !== undefined) parts.push(tableHtml(section.table));
    if (section.notes !== undefined && section.notes.length > 0) {
      parts.push(
        `<ul class="notes">${section.notes.map((note) => `<li>${e(note)}</li>`).join('')}</ul>`,
      );
    }
    parts.push('</section>');
  }
  if (options.footer !== undefined) parts.push(`<footer>${e(options.footer)}</footer>`);
  parts.push('</main>', '</body>', '</html>', '');
  return parts.join('\n');
}
