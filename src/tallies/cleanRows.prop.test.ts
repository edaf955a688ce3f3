import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRowStage } from '../csv/createRowStage.js';
import { type CsvItem, readCsv } from '../csv/readCsv.js';
import type { SurveyResponse } from '../schemas/survey.js';
import { CleanLines, cleanFieldsCounter, isCleanInstant } from './internal/cleanRules.js';
import {
  addItems,
  aggregationParams,
  type EnpsAggregationParams,
  type EnpsPartial,
  emptyPartial,
  responseSchemaFor,
} from './internal/enpsAggregation.js';
import { GroupCounter } from './internal/groupCounts.js';
import { planCleanRows } from './internal/planCleanRows.js';

/** The columns `readCsv` plans for a header (its row stage's). */
function columnsOf(header: readonly string[], groupBy: readonly string[]) {
  const stage = createRowStage({ schema: responseSchemaFor(groupBy) });
  stage.header(header, 1);
  return stage.columns!;
}

// The "valid for sure" rules let the eNPS readers count a row without building a record: from
// its fields (text) or straight from its bytes. Each must imply readCsv's verdict and count the
// row in the same group with the same score. These properties check, on rows full of near-valid
// cells: bytes counted => text counted the same; text counted => readCsv + addItems the same.

const idCell = fc.constantFrom('r1', 'team-7', 'x', '', ' t1', 't1 ', 't\u00a01', 'é', 'aé!', '~');
const instantCell = fc.constantFrom(
  '2025-03-31T23:59:59Z',
  '2025-01-01T00:00:00Z',
  '2024-02-29T12:00:00Z',
  '2025-02-29T12:00:00Z',
  '1900-02-29T12:00:00Z',
  '2000-02-29T12:00:00Z',
  '2025-04-31T12:00:00Z',
  '2025-04-01T00:30:00+02:00',
  '2025-06-30T10:00:00.250Z',
  '2025-06-30T10:00:00.Z',
  '2025-06-30T24:00:00Z',
  '2025-06-30T10:60:00Z',
  '2025-06-30 10:00:00Z',
  '2025-13-01T10:00:00Z',
  '2025-00-01T10:00:00Z',
  '0999-06-30T10:00:00Z',
  '２025-06-30T10:00:00Z',
  '',
);
const scoreCell = fc.constantFrom(
  '0',
  '6',
  '7',
  '10',
  '',
  '07',
  '-0',
  '-1',
  '10.0',
  '11',
  '7.5',
  'abc',
  'true',
  ' 7',
);
const otherCell = fc.constantFrom('4', '', 'free text', '1'.repeat(400), 'TRUE', 'é'.repeat(200));
const commentsCell = fc.constantFrom('', '[]', '[oops', '[{"text":"ok"}]', '[ ]');
const row = fc.tuple(idCell, idCell, idCell, instantCell, scoreCell, otherCell, commentsCell);
const HEADER = ['id', 'surveyId', 'teamId', 'submittedAt', 'answers.enps', 'answers.other'];

const optionsOf = (period: EnpsAggregationParams['period'], groupBy: readonly string[]) =>
  aggregationParams({ question: 'enps', groupBy, period }, 'test', (m) => new Error(m));

const counterOf = (partial: EnpsPartial, params: EnpsAggregationParams) =>
  new GroupCounter(partial.groups, params.cutoffs, params.period);

async function viaReadCsv(
  header: readonly string[],
  cells: readonly string[],
  params: EnpsAggregationParams,
) {
  const items: CsvItem<SurveyResponse>[] = [];
  for await (const item of readCsv(`${header.join(',')}\n${cells.join(',')}\n`, {
    schema: responseSchemaFor(params.groupBy),
    delimiter: ',',
  })) {
    items.push(item);
  }
  const partial = emptyPartial();
  addItems(partial, items, params);
  return { partial, valid: items.length === 1 && items[0]!.kind === 'record' };
}

describe('the valid-for-sure rules', () => {
  it('count a row from its bytes only where they count it from its text, and from its text only where readCsv counts it the same', async () => {
    await fc.assert(
      fc.asyncProperty(
        row,
        fc.boolean(),
        fc.constantFrom(undefined, 'quarter' as const, 'month' as const),
        fc.constantFrom(['teamId'], ['teamId', 'surveyId'], ['respondentId'], []),
        fc.constantFrom('\n', '\r\n'),
        async (cells, withComments, period, groupBy, newline) => {
          const header = withComments ? [...HEADER, 'comments'] : HEADER;
          const fields = withComments ? cells : cells.slice(0, 6);
          const params = optionsOf(period, groupBy);
          const plan = planCleanRows(columnsOf(header, params.groupBy), params);
          expect(plan).toBeDefined();

          const fromBytes = emptyPartial();
          const lines = new CleanLines(
            plan!,
            params,
            header.length,
            ',',
            counterOf(fromBytes, params),
          );
          const bytes = Buffer.from(`${fields.join(',')}${newline}`);
          const byBytes = lines.check(bytes, 0);
          if (byBytes) lines.count();
          expect(lines.lineEnd).toBe(bytes.length - 1);

          const fromText = emptyPartial();
          const byText = cleanFieldsCounter(plan!, params, counterOf(fromText, params))(fields);
          if (byBytes) {
            expect(byText).toBe(true);
            expect(fromBytes).toEqual(fromText);
          }
          if (byText) {
            const reference = await viaReadCsv(header, fields, params);
            expect(reference.valid).toBe(true);
            expect(fromText).toEqual(reference.partial);
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  });

  it('take common valid rows (so the fast path is used)', () => {
    const params = optionsOf('month', ['teamId']);
    const plan = planCleanRows(columnsOf(HEADER, ['teamId']), params)!;
    const lines = new CleanLines(plan, params, 6, ',', counterOf(emptyPartial(), params));
    expect(lines.check(Buffer.from('r1,s1,t1,2025-03-01T10:00:00Z,9,\n'), 0)).toBe(true);
    expect(lines.check(Buffer.from('r1,s1,t1,2025-03-01T10:00:00.123Z,,ok\r\n'), 0)).toBe(true);
    expect(lines.check(Buffer.from('r1,s1,"t1",2025-03-01T10:00:00Z,9,\n'), 0)).toBe(false);
    expect(isCleanInstant('2024-02-29T23:59:59Z')).toBe(true);
    expect(isCleanInstant('2023-02-29T23:59:59Z')).toBe(false);
  });

  it('leave every row to the full reader when the score or a group column is missing', () => {
    const params = optionsOf(undefined, ['teamId']);
    const without = (name: string) =>
      columnsOf(
        HEADER.filter((column) => column !== name),
        ['teamId'],
      );
    expect(planCleanRows(without('answers.enps'), params)).toBeUndefined();
    expect(planCleanRows(without('teamId'), params)).toBeUndefined();
    expect(planCleanRows(without('answers.other'), params)).toBeDefined();
  });
});
