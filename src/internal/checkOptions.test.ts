import { describe, expect, it } from 'vitest';
import { checkOptions } from './checkOptions.js';
import { codeOf } from './testing/codeOf.js';

const KNOWN = { level: true, confType: true } as const;

describe('checkOptions', () => {
  it('accepts no options, an empty object and known options', () => {
    expect(codeOf(() => checkOptions(undefined, KNOWN, 'f'))).toBeUndefined();
    expect(codeOf(() => checkOptions({}, KNOWN, 'f'))).toBeUndefined();
    expect(codeOf(() => checkOptions({ level: 0.9 }, KNOWN, 'f'))).toBeUndefined();
  });

  it('throws INVALID_OPTION for an unknown option, naming it and the known ones', () => {
    expect(() => checkOptions({ levle: 0.9 }, KNOWN, 'f')).toThrow(
      'f does not know the option "levle" (it knows level, confType)',
    );
  });

  it('lets an unknown option whose value is undefined pass (it asks for nothing)', () => {
    expect(codeOf(() => checkOptions({ other: undefined }, KNOWN, 'f'))).toBeUndefined();
  });

  it('throws INVALID_OPTION for options that are not an object', () => {
    for (const options of [null, 3, 'log', [1]]) {
      expect(codeOf(() => checkOptions(options, KNOWN, 'f'))).toBe('INVALID_OPTION');
    }
  });
});
