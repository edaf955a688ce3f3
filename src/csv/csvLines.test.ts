import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import { csvLines } from './csvLines.js';

describe('csvLines', () => {
  it('yields the header, then one line per row, each with its CRLF', () => {
    expect([...csvLines([{ id: 'e1' }, { id: 'e2' }])]).toEqual(['id\r\n', 'e1\r\n', 'e2\r\n']);
  });

  it('pulls rows one at a time, so it can write more rows than fit in memory', () => {
    let pulled = 0;
    function* rows() {
      for (let index = 0; index < 1_000_000; index++) {
        pulled++;
        yield { id: `e${index}` };
      }
    }
    const lines = csvLines(rows());
    expect(lines.next().value).toBe('id\r\n');
    expect(lines.next().value).toBe('e0\r\n');
    expect(pulled).toBe(1);
  });

  it('takes its columns from the first row and refuses a later row with other fields', () => {
    const lines = csvLines([{ id: 'e1' }, { id: 'e2', note: 'x' }]);
    expect(lines.next().value).toBe('id\r\n');
    expect(lines.next().value).toBe('e1\r\n');
    let error: unknown;
    try {
      lines.next();
    } catch (caught) {
      error = caught;
    }
    expect(isInternalCustomerError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toMatch(/row 2 has "note"/);
  });

  it('accepts later rows whose extra fields are empty', () => {
    expect([...csvLines([{ id: 'e1' }, { id: 'e2', note: null, more: { x: undefined } }])]).toEqual(
      ['id\r\n', 'e1\r\n', 'e2\r\n'],
    );
  });

  it('throws INVALID_OPTION and INVALID_INPUT at the call, before any row is read', () => {
    expect(() => csvLines([], { delimiter: '|' as ',' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
    expect(() => csvLines(42 as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
