import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clickhouseLiteral } from './clickhouseLiteral.js';

/**
 * A reference reader of a ClickHouse string literal at `from`, written from ClickHouse's
 * documented rules (https://clickhouse.com/docs/en/sql-reference/syntax#string): a literal is
 * enclosed in single quotes; `\b \f \r \n \t \0 \a \v` and `\xHH` stand for those characters; any
 * other `\c` stands for `c`; a doubled quote `''` stands for one quote. Returns the value and
 * the index just past the closing quote.
 */
function readLiteral(sql: string, from = 0): { value: string; end: number } {
  if (sql[from] !== "'") throw new Error('not a literal');
  const named: Record<string, string> = {
    b: '\b',
    f: '\f',
    r: '\r',
    n: '\n',
    t: '\t',
    '0': '\0',
    a: '\x07',
    v: '\v',
  };
  let value = '';
  let index = from + 1;
  while (index < sql.length) {
    const char = sql[index]!;
    if (char === '\\') {
      const next = sql[index + 1];
      if (next === undefined) throw new Error('unfinished escape');
      if (next === 'x') {
        const hex = sql.slice(index + 2, index + 4);
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new Error('bad \\x');
        value += String.fromCharCode(Number.parseInt(hex, 16));
        index += 4;
      } else {
        value += named[next] ?? next;
        index += 2;
      }
    } else if (char === "'") {
      if (sql[index + 1] === "'") {
        value += "'";
        index += 2;
      } else return { value, end: index + 1 };
    } else {
      value += char;
      index += 1;
    }
  }
  throw new Error('unterminated literal');
}

/** Strings rich in what breaks literals: quotes, backslashes, NUL, new lines, any code point. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom(
      "'",
      '\\',
      '\0',
      '\n',
      '\r',
      '\t',
      'x',
      '0',
      '"',
      '`',
      ';',
      '\x7f',
      'é',
      '😀',
    ),
  }),
);

describe('clickhouseLiteral', () => {
  it('reads back as the same string under ClickHouse rules, for any string', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const literal = clickhouseLiteral(text);
        const read = readLiteral(literal);
        expect(read.value).toBe(text);
        // The literal never closes early: its closing quote is its last character.
        expect(read.end).toBe(literal.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('cannot end early inside a query, whatever follows', () => {
    fc.assert(
      fc.property(hostile, hostile, (text, after) => {
        const sql = `${clickhouseLiteral(text)} AND x = ${clickhouseLiteral(after)}`;
        const first = readLiteral(sql);
        expect(first.value).toBe(text);
        expect(sql.slice(first.end, first.end + 9)).toBe(' AND x = ');
        expect(readLiteral(sql, first.end + 9).value).toBe(after);
      }),
      { numRuns: 500 },
    );
  });

  it('writes no raw C0 control character or DEL, and no bare quote or backslash', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const inner = clickhouseLiteral(text).slice(1, -1);
        // C0 controls and DEL; C1 controls (U+0080-U+009F) are ordinary UTF-8 text to ClickHouse.
        const control = [...inner].some((char) => char.charCodeAt(0) < 0x20 || char === '\x7f');
        expect(control).toBe(false);
        // Every quote and backslash inside is escaped: removing escape pairs leaves neither.
        expect(inner.replace(/\\(x[0-9A-F]{2}|.)/gsu, '')).not.toMatch(/['\\]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes numbers, bigints, booleans and null as ClickHouse reads them', () => {
    expect(clickhouseLiteral(12)).toBe('12');
    expect(clickhouseLiteral(-1.5)).toBe('-1.5');
    expect(clickhouseLiteral(2n ** 64n - 1n)).toBe('18446744073709551615');
    expect(clickhouseLiteral(true)).toBe('1');
    expect(clickhouseLiteral(false)).toBe('0');
    expect(clickhouseLiteral(null)).toBe('NULL');
  });

  it('refuses non-finite numbers and lone surrogates', () => {
    expect(() => clickhouseLiteral(Number.NaN)).toThrow(/finite/);
    expect(() => clickhouseLiteral(Number.POSITIVE_INFINITY)).toThrow(/finite/);
    expect(() => clickhouseLiteral('a\ud800b')).toThrow(/lone surrogates/);
    expect(() => clickhouseLiteral({} as unknown as string)).toThrow(/string, number/);
  });

  it('escapes the classic injections', () => {
    expect(clickhouseLiteral("x' OR 1=1 --")).toBe("'x\\' OR 1=1 --'");
    expect(clickhouseLiteral("\\'; DROP TABLE t; --")).toBe("'\\\\\\'; DROP TABLE t; --'");
  });
});
