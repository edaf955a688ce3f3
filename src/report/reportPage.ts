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

/** A table of a section, cells already formatted. */
export interface ReportTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
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

const STYLE = `
  :root { color-scheme: light; }
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
    color: #1d1d1d; background: #fafafa; margin: 0; }
  main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
  header h1 { margin: 0 0 4px; font-size: 26px; }
  header p { margin: 0; color: #555; }
  nav { margin: 16px 0 8px; font-size: 14px; }
  nav a { margin-right: 14px; color: #1f5f8b; }
  section { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 18px 20px;
    margin: 18px 0; }
  section h2 { margin: 0 0 4px; font-size: 19px; }
  p.explanation { margin: 0 0 12px; color: #444; }
  .highlights { display: flex; flex-wrap: wrap; gap: 14px; margin: 6px 0 12px; }
  .highlight { border-left: 4px solid #1f5f8b; padding: 2px 12px; }
  .highlight .label { font-size: 13px; color: #555; }
  .highlight .value { font-size: 28px; font-weight: 600; }
  .highlight .detail { font-size: 12px; color: #666; }
  figure.chart { margin: 0; overflow-x: auto; }
  figure.chart svg { max-width: none; height: auto; }
  table { border-collapse: collapse; margin-top: 10px; font-size: 13px; }
  th, td { padding: 3px 10px; border-bottom: 1px solid #eee; text-align: left; }
  td.number { text-align: right; font-variant-numeric: tabular-nums; }
  ul.notes { margin: 10px 0 0; padding-left: 18px; font-size: 12px; color: #666; }
  footer { font-size: 12px; color: #777; margin-top: 24px; }
`;

const NUMERIC = /^(?:[+-]?\d+(?:\.\d+)?%?|–)$/;

/**
 * Assembles a self-contained HTML report from sections: one page with inline styles, the charts'
 * SVG inline, no script, no web font and no link to a network resource, so it opens offline and
 * can be mailed or archived as one file. Every text (titles, explanations, highlights, table
 * cells, notes) is HTML-escaped ({@link escapeHtml}); the SVG is inserted as given and checked to
 * be one `<svg>` element of passive SVG elements only (no script, `foreignObject`, link, image,
 * style or other element, no event handler, nothing after it). The report computes nothing:
 * format figures with {@link formatNumber}, build charts with the chart builders, and render them
 * to SVG with `vega` and `vega-lite` (the command line tool does all of this in
 * `internal-customer report`). O(size of the sections).
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` for a section id that is not a letter followed by
 * letters, digits or `-`, two sections with one id, SVG that is not one `<svg>` element of
 * passive SVG elements, or a table row whose length differs from its header's.
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
    if (section.svg !== undefined && !isOneSafeSvg(section.svg)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `reportPage requires each svg to be one <svg> element without scripts, got one in section "${section.id}" that is not`,
      );
    }
    for (const row of section.table?.rows ?? []) {
      if (row.length !== section.table!.header.length) {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `reportPage requires table rows as long as their header in section "${section.id}"`,
        );
      }
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
    if (section.table !== undefined) {
      const { header, rows } = section.table;
      parts.push('<table>');
      parts.push(`<thead><tr>${header.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>`);
      parts.push('<tbody>');
      for (const row of rows) {
        parts.push(
          `<tr>${row.map((cell) => (NUMERIC.test(cell) ? `<td class="number">${e(cell)}</td>` : `<td>${e(cell)}</td>`)).join('')}</tr>`,
        );
      }
      parts.push('</tbody></table>');
    }
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
