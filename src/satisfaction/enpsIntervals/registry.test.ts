import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../core/createRandom.js';
import { codeOf } from '../../internal/testing/codeOf.js';
import { compareEnps } from '../compareEnps.js';
import { type EnpsOptions, enps } from '../enps.js';
import { enpsTallyFromCounts } from '../enpsTally.js';
import { ENPS_INTERVAL_DEFINITIONS, ENPS_INTERVAL_METHODS } from './registry.js';

const folder = dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(resolve(folder, '../../../README.md'), 'utf8');
const tally = enpsTallyFromCounts({ detractors: 20, passives: 30, promoters: 50 });

/** The README's table of methods: the rows after the "eNPS interval methods" heading, as cells. */
function readmeRows(): string[][] {
  const section = readme.split(/^### eNPS interval methods$/m)[1] ?? '';
  const table = /\n(\|.*\|\n)+/.exec(section)?.[0] ?? '';
  return table
    .trim()
    .split('\n')
    .slice(2) // header and separator
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    );
}

/** The row each method should have, from its definition. */
function expectedRow(method: (typeof ENPS_INTERVAL_METHODS)[number]): string[] {
  return [
    `\`${method.id}\`${method.isDefault ? ' (default)' : ''}`,
    method.label,
    method.description,
    method.compares ? 'yes' : 'no',
    method.reference,
  ];
}

describe('eNPS interval methods (registry)', () => {
  it('has unique ids, one default, and a label, description and reference for each', () => {
    const ids = ENPS_INTERVAL_METHODS.map((method) => method.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ENPS_INTERVAL_METHODS.filter((method) => method.isDefault)).toHaveLength(1);
    for (const method of ENPS_INTERVAL_METHODS) {
      expect(method.label.length, method.id).toBeGreaterThan(0);
      expect(method.description.length, method.id).toBeGreaterThan(20);
      expect(method.description, method.id).not.toContain('|');
      expect(method.reference.length, method.id).toBeGreaterThan(0);
    }
  });

  it('registers every method file of its folder (a file left out is never offered)', () => {
    const files = readdirSync(folder).filter(
      (name) => /\.ts$/.test(name) && !/\.test(-d)?\.ts$/.test(name),
    );
    const methodFiles = files.filter((name) => !['definition.ts', 'registry.ts'].includes(name));
    const declared = methodFiles.filter((name) =>
      /defineEnpsInterval\(/.test(readFileSync(join(folder, name), 'utf8')),
    );
    expect(declared).toEqual(methodFiles);
    expect(declared).toHaveLength(ENPS_INTERVAL_DEFINITIONS.length);
  });

  it('is what the README lists, row for row (the expected table is in the failure message)', () => {
    const expected = ENPS_INTERVAL_METHODS.map(expectedRow);
    const table = expected.map((row) => `| ${row.join(' | ')} |`).join('\n');
    expect(readmeRows(), `README.md "### eNPS interval methods" should list:\n${table}`).toEqual(
      expected,
    );
  });

  it('gives every method to enps, which reports its id, on the -100..100 scale around the score', () => {
    for (const method of ENPS_INTERVAL_METHODS) {
      const result = enps(tally, { method: method.id, resamples: 1000, random: createRandom(7) });
      expect(result.interval?.method).toBe(method.id);
      expect(result.score).toBeCloseTo(30, 12);
      expect(result.interval!.lower).toBeLessThan(30);
      expect(result.interval!.upper).toBeGreaterThan(30);
      expect(result.interval!.lower).toBeGreaterThanOrEqual(-100);
      expect(result.interval!.upper).toBeLessThanOrEqual(100);
    }
  });

  it('names every method when one is unknown, and those that compare in compareEnps', () => {
    const ids = ENPS_INTERVAL_METHODS.map((method) => method.id);
    const list = `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)}`;
    expect(() => enps(tally, { method: 'exact' as 'wald' })).toThrow(
      `enps requires method ${list}, got exact`,
    );
    expect(() => compareEnps(tally, tally, { method: 'score' as 'wald' })).toThrow(
      'compareEnps requires method wald or adjusted-wald, got score',
    );
  });

  it('asks for a seeded random exactly for the methods that need one', () => {
    for (const method of ENPS_INTERVAL_METHODS) {
      const code = codeOf(() => enps(tally, { method: method.id } as EnpsOptions));
      expect(code, method.id).toBe(method.needsRandom ? 'INVALID_OPTION' : undefined);
    }
  });
});
