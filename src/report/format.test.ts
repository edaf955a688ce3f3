import { describe, expect, it } from 'vitest';
import { codeOf } from '../internal/testing/codeOf.js';
import { escapeHtml } from './escapeHtml.js';
import { formatNumber } from './formatNumber.js';
import { roundForDisplay } from './roundForDisplay.js';
import { textTable } from './textTable.js';

describe('roundForDisplay', () => {
  it('rounds halves away from zero, not to even', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5].map((x) => roundForDisplay(x))).toEqual([
      1, 2, 3, -1, -2, -3,
    ]);
  });

  it('rounds the decimal as written, so 1.005 gives 1.01 where toFixed gives 1.00', () => {
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(roundForDisplay(1.005, 2)).toBe(1.01);
    expect(roundForDisplay(0.285, 2)).toBe(0.29);
    expect(roundForDisplay(-1.005, 2)).toBe(-1.01);
  });

  it('keeps numbers written in exponent form', () => {
    expect(roundForDisplay(1e-7, 6)).toBe(0);
    expect(roundForDisplay(5e-7, 6)).toBe(0.000001);
    expect(roundForDisplay(1.5e21)).toBe(1.5e21);
  });

  it('never returns -0', () => {
    expect(Object.is(roundForDisplay(-0.04, 1), 0)).toBe(true);
    expect(Object.is(roundForDisplay(-0), 0)).toBe(true);
  });

  it('refuses NaN, infinities (OUT_OF_RANGE) and bad digits (INVALID_OPTION)', () => {
    expect(codeOf(() => roundForDisplay(Number.NaN))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => roundForDisplay(Number.NEGATIVE_INFINITY))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => roundForDisplay(1, 1.5))).toBe('INVALID_OPTION');
    expect(codeOf(() => roundForDisplay(1, 13))).toBe('INVALID_OPTION');
  });
});

describe('formatNumber', () => {
  it('writes a fixed number of decimals, percentages and signs', () => {
    expect(formatNumber(30)).toBe('30.0');
    expect(formatNumber(14.05113018, { digits: 2 })).toBe('14.05');
    expect(formatNumber(0.4285, { percent: true })).toBe('42.9%');
    expect(formatNumber(0.285, { percent: true, digits: 0 })).toBe('29%');
    expect(formatNumber(2.25, { signed: true })).toBe('+2.3');
    expect(formatNumber(-2.25, { signed: true })).toBe('-2.3');
    expect(formatNumber(0, { signed: true })).toBe('0.0');
  });

  it('writes missing values as the missing mark, never NaN or null', () => {
    expect(formatNumber(null)).toBe('–');
    expect(formatNumber(undefined, { missing: 'n/a' })).toBe('n/a');
  });

  it('refuses non-finite numbers and checks digits even for missing values', () => {
    expect(codeOf(() => formatNumber(Number.NaN))).toBe('OUT_OF_RANGE');
    expect(codeOf(() => formatNumber(null, { digits: -1 }))).toBe('INVALID_OPTION');
  });
});

describe('textTable', () => {
  it('right-aligns numeric columns and left-aligns text', () => {
    expect(
      textTable(
        [
          ['Ødegård', '7', '12.5%'],
          ['Li', '12', '–'],
        ],
        { header: ['name', 'n', 'share'] },
      ),
    ).toBe(
      ['name      n  share', '-------  --  -----', 'Ødegård   7  12.5%', 'Li       12      –'].join(
        '\n',
      ),
    );
  });

  it('follows explicit alignment and leaves no trailing spaces', () => {
    const text = textTable([['a', 'suppressed']], {
      header: ['team', 'eNPS'],
      align: ['left', 'right'],
    });
    expect(text.split('\n').every((line) => line === line.trimEnd())).toBe(true);
    expect(text).toContain('a     suppressed');
  });

  it('lays out a header with no rows', () => {
    expect(textTable([], { header: ['a', 'bb'] })).toBe('a  bb\n-  --');
  });

  it('refuses ragged rows, line breaks in cells (INVALID_INPUT) and bad options (INVALID_OPTION)', () => {
    expect(codeOf(() => textTable([['a']], { header: ['a', 'b'] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => textTable([['a\nb']], { header: ['a'] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => textTable([], { header: ['a'], align: [] }))).toBe('INVALID_OPTION');
    expect(codeOf(() => textTable([], { header: ['a'], gap: 0 }))).toBe('INVALID_OPTION');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that can open a tag or close an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('leaves other text as it is', () => {
    expect(escapeHtml('Zoë Ødegård, 12%')).toBe('Zoë Ødegård, 12%');
  });
});
