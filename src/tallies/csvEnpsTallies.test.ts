import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeResponsesFile } from '../../bench/responsesFile.js';
import { toCalendarDay } from '../core/calendarDay.js';
import { collectCsv } from '../csv/collectCsv.js';
import { readCsvFile } from '../csv/readCsvFile.js';
import { enpsTallyBy } from '../satisfaction/enpsTally.js';
import { IdSchema } from '../schemas/primitives.js';
import { SurveyResponseSchema } from '../schemas/survey.js';
import { csvEnpsTallies, runCsvEnpsTallies } from './csvEnpsTallies.js';

// The worker and child-process tests are about threads and memory, not dates: they run once
// (under TZ=UTC), not again under the second time zone.
const once = process.env.TZ === 'Pacific/Auckland' ? it.skip : it;

let folder = '';
let large = '';

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'internal-customer-tallies-'));
  large = join(folder, 'responses.csv');
  // 40 000 rows (about 1.9 MB, so the file is split among workers), CRLF line ends, 1 in 50
  // rows with a quoted comment holding a line break, 1 in 100 rows breaking a rule.
  await writeResponsesFile(large, {
    rows: 40_000,
    teams: 30,
    seed: 5,
    invalidShare: 0.01,
    commentShare: 0.02,
    newline: '\r\n',
  });
});

afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

/** The in-memory path: collect every record with readCsvFile, then tally with enpsTallyBy. */
async function inMemory(path: string) {
  const schema = SurveyResponseSchema.extend({ teamId: IdSchema });
  const { records, issues } = await collectCsv(readCsvFile(path, { schema }));
  const byTeam = new Map<string, number[]>();
  let skipped = 0;
  for (const record of records) {
    const score = record.answers.enps;
    if (score === null || score === undefined) {
      skipped++;
      continue;
    }
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 0 || score > 10) continue;
    const key = `${record.teamId}|${toCalendarDay(record.submittedAt).slice(0, 7)}`;
    const list = byTeam.get(key) ?? [];
    list.push(score);
    byTeam.set(key, list);
  }
  return { byTeam, skipped, issues };
}

describe('csvEnpsTallies', () => {
  it('gives the tallies of the in-memory path (readCsvFile, then enpsTallyBy), per team and month', async () => {
    const result = await csvEnpsTallies(large, {
      question: 'enps',
      groupBy: ['teamId'],
      period: 'month',
      workers: 1,
    });
    const reference = await inMemory(large);
    expect(result.rows).toBe(40_000);
    expect(result.groups.length).toBe(reference.byTeam.size);
    for (const group of result.groups) {
      const scores = reference.byTeam.get(`${group.key[0]}|${group.key[1]!.slice(0, 7)}`)!;
      expect(group.tally).toEqual(enpsTallyBy(scores, (score) => score));
    }
    expect(result.skipped).toBe(reference.skipped);
    // Every reader issue is kept, in file order, and each invalid score is one more issue.
    const readerIssues = result.issues.filter((issue) => issue.code !== 'invalid_score');
    expect(readerIssues).toEqual(reference.issues);
    expect(result.issues.filter((issue) => issue.code === 'invalid_score').length).toBeGreaterThan(
      0,
    );
  });

  once(
    'gives exactly the single-threaded result when the file is split among worker threads',
    async () => {
      const options = { question: 'enps', groupBy: ['teamId'], period: 'quarter' } as const;
      const one = await csvEnpsTallies(large, { ...options, workers: 1 });
      const two = await runCsvEnpsTallies(large, { ...options, workers: 2 });
      expect(two.threads).toBe(2);
      expect(two.result).toEqual(one);
    },
    30_000,
  );

  once(
    'never cuts a quoted field with line breaks, wherever the parts would split',
    async () => {
      // A quoted field of line breaks and delimiters spanning the middle of the file.
      const rows = ['id,surveyId,teamId,submittedAt,answers.enps,answers.open'];
      for (let i = 0; i < 6_000; i++)
        rows.push(`r${i},s1,t${i % 3},2025-03-01T10:00:00Z,${i % 11},`);
      rows.push(`r6000,s1,t1,2025-03-01T10:00:00Z,9,"${'line,\n'.repeat(60_000)}end"`);
      for (let i = 6_001; i < 12_000; i++)
        rows.push(`r${i},s1,t${i % 3},2025-03-01T10:00:00Z,${i % 11},`);
      const path = join(folder, 'long-field.csv');
      writeFileSync(path, `${rows.join('\n')}\n`);
      const options = { question: 'enps', groupBy: ['teamId'] } as const;
      const one = await csvEnpsTallies(path, { ...options, workers: 1 });
      expect(one.total.n).toBe(12_000);
      const two = await runCsvEnpsTallies(path, { ...options, workers: 2 });
      expect(two.threads).toBe(2);
      expect(two.result).toEqual(one);
    },
    30_000,
  );

  once(
    'reads the file again on one thread when a part meets a malformed record',
    async () => {
      const rows = ['id,surveyId,teamId,submittedAt,answers.enps'];
      for (let i = 0; i < 20_000; i++) {
        rows.push(`r${i},s1,t${i % 4},2025-03-01T10:00:00Z,${i === 15_000 ? '7"' : i % 11}`);
      }
      const path = join(folder, 'malformed.csv');
      writeFileSync(path, `${rows.join('\n')}\n`);
      const options = { question: 'enps', groupBy: ['teamId'] } as const;
      const one = await csvEnpsTallies(path, { ...options, workers: 1 });
      expect(one.issues.map((issue) => [issue.row, issue.code])).toEqual([
        [15_001, 'malformed_row'],
      ]);
      // The part with the malformed record is unsure: the file is read again on one thread.
      const two = await runCsvEnpsTallies(path, { ...options, workers: 2 });
      expect(two.threads).toBe(1);
      expect(two.result).toEqual(one);
    },
    30_000,
  );

  it('refuses a missing question, a bad groupBy, period or worker count', () => {
    expect(() => csvEnpsTallies(large, { question: '' })).toThrow(/question/);
    expect(() => csvEnpsTallies(large, { question: 'enps', groupBy: ['a.b'] })).toThrow(/groupBy/);
    expect(() =>
      csvEnpsTallies(large, { question: 'enps', period: 'week' as unknown as 'month' }),
    ).toThrow(/period/);
    expect(() => csvEnpsTallies(large, { question: 'enps', workers: 0 })).toThrow(/workers/);
  });

  once(
    'keeps memory flat: a child process reading 4x the rows peaks within a few MiB of the smaller read',
    async () => {
      const small = join(folder, 'flat-small.csv');
      const big = join(folder, 'flat-big.csv');
      await writeResponsesFile(small, { rows: 60_000, seed: 2 });
      await writeResponsesFile(big, { rows: 240_000, seed: 2 });
      const child = join(folder, 'child.mts');
      writeFileSync(
        child,
        [
          "import { readFileSync } from 'node:fs';",
          `import { csvEnpsTallies } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'index.ts')).href)};`,
          "await csvEnpsTallies(process.argv[2]!, { question: 'enps', groupBy: ['teamId'], workers: 1 });",
          // VmHWM: getrusage's maxRSS keeps the parent's resident set at the fork (Linux).
          "const hwm = /^VmHWM:\\s+(\\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));",
          'console.log(JSON.stringify({ maxRssKiB: hwm === null ? process.resourceUsage().maxRSS : Number(hwm[1]) }));',
        ].join('\n'),
      );
      const peak = (path: string) => {
        const output = execFileSync(process.execPath, ['--import', 'tsx', child, path, '1'], {
          encoding: 'utf8',
        });
        return (
          (JSON.parse(output.trim().split('\n').pop()!) as { maxRssKiB: number }).maxRssKiB / 1024
        );
      };
      const smallPeak = peak(small);
      const bigPeak = peak(big);
      // Run through tsx, which adds about 50 MiB of its own; the bench measures the built library.
      expect(bigPeak).toBeLessThan(260);
      expect(bigPeak - smallPeak).toBeLessThan(40);
    },
    60_000,
  );
});
