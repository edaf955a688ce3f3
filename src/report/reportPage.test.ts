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
