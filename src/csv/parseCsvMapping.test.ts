import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../core/errors.js';
import { loadCsvMapping } from './loadCsvMapping.js';
import { parseCsvMapping } from './parseCsvMapping.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../tests/fixtures/csv/${name}`, import.meta.url));

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseCsvMapping', () => {
  it('turns columns into the mapping option and keeps the other options', () => {
    const text = JSON.stringify({
      columns: { 'Employee Number': 'id', Location: 'attributes.location' },
      delimiter: '\t',
      encoding: 'utf-16le',
      dateFormat: 'MM/dd/yyyy',
      decimalComma: true,
      restoreFormulas: true,
    });
    expect(parseCsvMapping(text)).toStrictEqual({
      mapping: { 'Employee Number': 'id', Location: 'attributes.location' },
      delimiter: '\t',
      encoding: 'utf-16le',
      dateFormat: 'MM/dd/yyyy',
      decimalComma: true,
      restoreFormulas: true,
    });
  });

  it('accepts the parsed value as well as the JSON text, with or without a byte-order mark', () => {
    expect(parseCsvMapping({ columns: { A: 'id' } })).toStrictEqual({ mapping: { A: 'id' } });
    expect(parseCsvMapping('\ufeff{"columns":{"A":"id"}}')).toStrictEqual({ mapping: { A: 'id' } });
  });

  it('refuses a header named __proto__, which zod would otherwise drop without a word', () => {
    const error = thrown(() => parseCsvMapping('{"columns":{"__proto__":"id"}}'));
    expect(isInternalCustomerError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).id).toBeUndefined();
  });

  it('throws INVALID_OPTION naming every problem of a mapping that does not fit the format', () => {
    const cases: [unknown, RegExp][] = [
      ['{ not json', /not JSON/],
      ['[]', /expected object/],
      ['{}', /columns/],
      ['{"columns":{"A":"id"},"delimiter":"|"}', /delimiter/],
      ['{"columns":{"A":"id"},"dateFormat":"banana"}', /dateFormat/],
      ['{"columns":{"A":""}}', /columns\.A/],
      ['{"columns":{"A":"attributes..x"}}', /dotted field path/],
      ['{"columns":{"A":"attributes.__proto__"}}', /reserved key/],
      ['{"columns":{"A":"id"},"delimeter":";"}', /delimeter/],
    ];
    for (const [input, message] of cases) {
      const error = thrown(() => parseCsvMapping(input));
      expect(isInternalCustomerError(error, 'INVALID_OPTION'), String(input)).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('loadCsvMapping', () => {
  it('reads and checks a mapping file', async () => {
    expect(await loadCsvMapping(fixture('hr-export-mapping.json'))).toStrictEqual({
      mapping: {
        'Employee Number': 'id',
        'Full Name': 'name',
        Born: 'birthDate',
        Location: 'attributes.location',
        Gender: 'protectedAttributes.gender',
      },
      delimiter: ';',
      dateFormat: 'dd/MM/yyyy',
    });
  });

  it('rejects with INVALID_OPTION when the file cannot be read', async () => {
    const error = await loadCsvMapping(fixture('no-such-mapping.json')).catch((e: unknown) => e);
    expect(isInternalCustomerError(error, 'INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(/no-such-mapping\.json: ENOENT/);
  });

  it('throws INVALID_OPTION at the call for an empty path', () => {
    expect(() => loadCsvMapping('')).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });
});
