import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import { toCsv } from './toCsv.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('toCsv', () => {
  it('writes a header line and one CRLF-ended line per row', () => {
    expect(
      toCsv([
        { id: 'e1', score: 9 },
        { id: 'e2', score: 10 },
      ]),
    ).toBe('id,score\r\ne1,9\r\ne2,10\r\n');
  });

  it('returns an empty string for no rows and no columns, and the header for columns alone', () => {
    expect(toCsv([])).toBe('');
    expect(toCsv([], { columns: ['id', 'attributes.location'] })).toBe(
      'id,attributes.location\r\n',
    );
  });

  it('flattens nested objects to dotted columns, in order of first appearance across rows', () => {
    const rows = [
      { id: 'e1', attributes: { location: 'Oslo' } },
      { id: 'e2', attributes: { level: 3 }, protectedAttributes: { gender: 'female' } },
    ];
    expect(toCsv(rows)).toBe(
      [
        'id,attributes.location,attributes.level,protectedAttributes.gender',
        'e1,Oslo,,',
        'e2,,3,female',
        '',
      ].join('\r\n'),
    );
  });

  it('joins arrays of strings with | and writes arrays of objects as JSON', () => {
    const history = [
      { status: 'raised', at: '2024-03-01T09:00:00Z' },
      { status: 'adopted', at: '2024-03-09T09:00:00Z' },
    ];
    const text = toCsv([{ id: 'i1', tags: ['a', 'b'], statusHistory: history }]);
    expect(text).toBe(
      'id,tags,statusHistory\r\ni1,a|b,"[{""status"":""raised"",""at"":""2024-03-01T09:00:00Z""},{""status"":""adopted"",""at"":""2024-03-09T09:00:00Z""}]"\r\n',
    );
  });

  it('writes a list as JSON when | could not carry it back', () => {
    const rows = [{ tags: ['a|b', 'c'] }, { tags: ['', 'x'] }, { tags: ['[x'] }, { tags: [] }];
    expect(toCsv(rows)).toBe('tags\r\n"[""a|b"",""c""]"\r\n"["""",""x""]"\r\n"[""[x""]"\r\n[]\r\n');
  });

  it('writes null and undefined as empty cells, and a lone empty cell as ""', () => {
    expect(toCsv([{ id: 'e1', note: null, score: undefined }])).toBe('id,note,score\r\ne1,,\r\n');
    expect(toCsv([{ note: null }])).toBe('note\r\n""\r\n');
  });

  it('writes booleans as true and false, and dates as ISO 8601', () => {
    expect(toCsv([{ a: true, b: false, at: new Date(Date.UTC(2024, 1, 29, 12)) }])).toBe(
      'a,b,at\r\ntrue,false,2024-02-29T12:00:00.000Z\r\n',
    );
  });

  it('quotes cells holding the delimiter, a quote or a line break, doubling quotes (RFC 4180)', () => {
    const rows = [{ a: 'x,y', b: 'say "hi"', c: 'two\r\nlines', d: 'one\nline', e: 'x;y' }];
    expect(toCsv(rows)).toBe('a,b,c,d,e\r\n"x,y","say ""hi""","two\r\nlines","one\nline",x;y\r\n');
    expect(toCsv(rows, { delimiter: ';' })).toBe(
      'a;b;c;d;e\r\nx,y;"say ""hi""";"two\r\nlines";"one\nline";"x;y"\r\n',
    );
    expect(toCsv([{ a: 'x\ty', b: 'x,y' }], { delimiter: '\t' })).toBe('a\tb\r\n"x\ty"\tx,y\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula, never numbers', () => {
    const row = {
      eq: '=SUM(A1:A9)',
      plus: '+1',
      minus: '-3',
      at: '@cmd',
      tab: '\tx',
      cr: '\rx',
      quoted: "'=x",
      number: -3,
      safe: 'a=b',
    };
    expect(toCsv([row])).toBe(
      `eq,plus,minus,at,tab,cr,quoted,number,safe\r\n'=SUM(A1:A9),'+1,'-3,'@cmd,'\tx,"'\rx",''=x,-3,a=b\r\n`,
    );
  });

  it('leaves text as it is when neutraliseFormulas is false', () => {
    expect(toCsv([{ a: '=1+2', b: -3 }], { neutraliseFormulas: false })).toBe('a,b\r\n=1+2,-3\r\n');
  });

  it('writes the columns it is given, in that order, with objects as JSON', () => {
    const rows = [{ id: 'e1', attributes: { location: 'Oslo' }, extra: 'dropped' }];
    expect(toCsv(rows, { columns: ['attributes', 'id', 'missing'] })).toBe(
      'attributes,id,missing\r\n"{""location"":""Oslo""}",e1,\r\n',
    );
    expect(toCsv(rows, { columns: ['attributes.location'] })).toBe(
      'attributes.location\r\nOslo\r\n',
    );
  });

  it('does not change the rows it writes', () => {
    const rows = [{ id: 'e1', tags: ['a'], attributes: { location: '=x' } }];
    const copy = structuredClone(rows);
    toCsv(rows);
    expect(rows).toEqual(copy);
  });

  it('throws INVALID_INPUT for values it cannot write and rows that are not objects', () => {
    const cases: unknown[][] = [
      [{ score: Number.NaN }],
      [{ score: Number.POSITIVE_INFINITY }],
      [{ at: new Date(Number.NaN) }],
      [{ run: () => 1 }],
      [['e1', 9]],
      [null],
    ];
    for (const rows of cases) {
      const error = thrown(() => toCsv(rows as Record<string, unknown>[]));
      expect(isInternalCustomerError(error, 'INVALID_INPUT')).toBe(true);
    }
    expect((thrown(() => toCsv([{ id: 'e1' }, { score: Number.NaN }])) as Error).message).toBe(
      'toCsv requires finite numbers, row 2, score is NaN',
    );
  });

  it('throws INVALID_OPTION for an unknown delimiter or malformed columns', () => {
    const cases = [
      { delimiter: '|' },
      { columns: ['id', 'id'] },
      { columns: ['attributes.'] },
      { neutraliseFormulas: 'no' },
    ];
    for (const options of cases) {
      const error = thrown(() => toCsv([{ id: 'e1' }], options as never));
      expect(isInternalCustomerError(error, 'INVALID_OPTION')).toBe(true);
    }
  });
});
