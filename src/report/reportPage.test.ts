import { describe, expect, it } from 'vitest';
import { codeOf } from '../internal/testing/codeOf.js';
import { reportPage } from './reportPage.js';

const svg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';

describe('reportPage', () => {
  it('escapes every text from the data: titles, explanations, highlights, table cells and notes', () => {
    const html = reportPage(
      [
        {
          id: 'teams',
          title: '<b>Teams</b>',
          explanation: 'Alpha & "Beta"',
          highlights: [{ label: '<i>eNPS</i>', value: '<1>', detail: "O'Neil" }],
          table: { header: ['<th>'], rows: [['<script>alert(1)</script>']] },
          notes: ['<img src=x onerror=alert(1)>'],
        },
      ],
      { title: 'Report <x>', subtitle: 'as of <today>', footer: '& more' },
    );
    expect(html).not.toMatch(/<script|<img|<b>|<i>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Alpha &amp; &quot;Beta&quot;');
    expect(html).toContain('O&#39;Neil');
    expect(html).toContain('<title>Report &lt;x&gt;</title>');
  });

  it('inlines the SVG in a figure and loads nothing from the network', () => {
    const html = reportPage([{ id: 'chart', title: 'Chart', explanation: 'x', svg }], {
      title: 'R',
    });
    expect(html).toContain(`<figure class="chart" data-chart="chart">${svg}</figure>`);
    expect(html).not.toMatch(/<link|<script|src="http|@import|url\(/);
    expect(html).toContain("default-src 'none'");
  });

  it('right-aligns numeric table cells', () => {
    const html = reportPage(
      [
        {
          id: 't',
          title: 'T',
          explanation: 'x',
          table: { header: ['a', 'b'], rows: [['Sales', '12.5%']] },
        },
      ],
      { title: 'R' },
    );
    expect(html).toContain('<td>Sales</td><td class="number">12.5%</td>');
  });

  it('lays small multiples side by side in one figure, each panel checked as an SVG', () => {
    const section = { id: 'panels', title: 'P', explanation: 'x', panels: [svg, svg] };
    expect(reportPage([section], { title: 'R' })).toContain(
      `<figure class="chart panels" data-chart="panels">${svg}${svg}</figure>`,
    );
    const unsafe = { ...section, panels: [svg, '<svg><script>x</script></svg>'] };
    expect(codeOf(() => reportPage([unsafe], { title: 'R' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => reportPage([{ ...section, svg }], { title: 'R' }))).toBe('INVALID_INPUT');
  });

  it('lists a legend of marks in full, escaped', () => {
    const html = reportPage(
      [
        {
          id: 'h',
          title: 'H',
          explanation: 'x',
          legend: [{ mark: '1', text: 'I can <grow> here & stay' }],
        },
      ],
      { title: 'R' },
    );
    expect(html).toContain(
      '<dl class="legend"><dt>1</dt><dd>I can &lt;grow&gt; here &amp; stay</dd></dl>',
    );
  });

  it('puts a table in its own scrolling box with a sticky header, and colours cells by tone', () => {
    const table = {
      header: ['manager', 'coverage', 'team eNPS'],
      rows: [['Ada', '86%!', '–']],
      tones: [[null, 'poor', 'muted']] as const,
    };
    const html = reportPage([{ id: 't', title: 'T', explanation: 'x', table }], { title: 'R' });
    expect(html).toContain('<div class="table-scroll"><table>');
    expect(html).toContain('<th scope="col">manager</th>');
    expect(html).toContain(
      '<td>Ada</td><td class="number poor">86%!</td><td class="number muted">–</td>',
    );
    expect(html).toMatch(/thead th \{ position: sticky; top: 0;/);
    const ragged = { ...table, tones: [[null, 'poor']] as const };
    const unknown = { ...table, tones: [[null, 'red', null]] as never };
    for (const bad of [ragged, unknown]) {
      expect(
        codeOf(() =>
          reportPage([{ id: 't', title: 'T', explanation: 'x', table: bad }], { title: 'R' }),
        ),
      ).toBe('INVALID_INPUT');
    }
  });

  it('refuses markup between two SVGs, such as <meta http-equiv>, and any non-SVG element', () => {
    const section = { id: 'a', title: 'a', explanation: 'a' };
    const refused = [
      `${svg}<meta http-equiv="refresh" content="0;url=https://example.com">${svg}`,
      `${svg}<svg></svg>`,
      `${svg}text`,
      '<svg><a href="https://example.com"><rect/></a></svg>',
      '<svg><image href="https://example.com/x.png"/></svg>',
      '<svg><style>@import url(https://example.com)</style></svg>',
      '<svg><g></svg>',
      '<svg><g onclick = "x"></g></svg>',
      '<svg><pattern xlink:href="javascript:alert(1)"/></svg>',
    ];
    for (const markup of refused) {
      expect(codeOf(() => reportPage([{ ...section, svg: markup }], { title: 'R' }))).toBe(
        'INVALID_INPUT',
      );
    }
  });

  it('accepts harmless text in an SVG, such as "one = never", in text and in attributes', () => {
    const section = { id: 'a', title: 'a', explanation: 'a' };
    const harmless =
      '<svg xmlns="http://www.w3.org/2000/svg"><!-- chart --><g aria-label="answered one = never" role="graphics-symbol"><text x="1">one = never; a &lt; b</text><title>once = twice</title></g></svg>';
    expect(reportPage([{ ...section, svg: harmless }], { title: 'R' })).toContain(harmless);
  });

  it('refuses SVG with a script, an event handler or other markup, bad or repeated ids, ragged tables', () => {
    const section = { id: 'a', title: 'a', explanation: 'a' };
    expect(
      codeOf(() =>
        reportPage([{ ...section, svg: '<svg><script>x</script></svg>' }], { title: 'R' }),
      ),
    ).toBe('INVALID_INPUT');
    expect(
      codeOf(() =>
        reportPage([{ ...section, svg: '<svg><g onload="x"></g></svg>' }], { title: 'R' }),
      ),
    ).toBe('INVALID_INPUT');
    expect(codeOf(() => reportPage([{ ...section, svg: '<div></div>' }], { title: 'R' }))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(() => reportPage([section, section], { title: 'R' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => reportPage([{ ...section, id: '1"><x' }], { title: 'R' }))).toBe(
      'INVALID_INPUT',
    );
    expect(
      codeOf(() =>
        reportPage([{ ...section, table: { header: ['a'], rows: [['1', '2']] } }], { title: 'R' }),
      ),
    ).toBe('INVALID_INPUT');
  });
});
