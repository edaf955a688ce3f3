/**
 * The benchmark harness: each case runs next to its baseline in the same process (tinybench), so a
 * goal is judged against a number measured on the same machine in the same run.
 */
import { cpus, totalmem } from 'node:os';
import { Bench } from 'tinybench';

/** One benchmark case and the baseline it is reported beside. */
export interface BenchCase {
  readonly name: string;
  /** What the case works on, for the table ("10 000 teams"). */
  readonly size: string;
  /** The goal in words, beside the table ("< 1000 ms", "<= 1.2x baseline"). */
  readonly goal: string;
  readonly run: () => unknown;
  readonly baselineName: string;
  readonly baseline: () => unknown;
  /** Whether the measured medians (ms) meet the goal. */
  readonly meets: (median: number, baselineMedian: number) => boolean;
  readonly iterations?: number;
}

/** A measured row of the table. */
export interface BenchRow {
  readonly name: string;
  readonly size: string;
  readonly median: number;
  readonly baselineName: string;
  readonly baselineMedian: number;
  readonly ratio: number;
  readonly goal: string;
  readonly met: boolean;
}

async function median(name: string, run: () => unknown, iterations: number): Promise<number> {
  const bench = new Bench({ iterations, warmupIterations: 1, time: 0, warmupTime: 0 });
  bench.add(name, run);
  await bench.run();
  const result = bench.tasks[0]!.result;
  if (result.state !== 'completed')
    throw new Error(`benchmark ${name} did not complete: ${result.state}`);
  return result.latency.p50;
}

/** Runs every case and its baseline, one after the other. */
export async function runCases(cases: readonly BenchCase[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const item of cases) {
    const iterations = item.iterations ?? 5;
    const caseMedian = await median(item.name, item.run, iterations);
    const baselineMedian = await median(item.baselineName, item.baseline, iterations);
    rows.push({
      name: item.name,
      size: item.size,
      median: caseMedian,
      baselineName: item.baselineName,
      baselineMedian,
      ratio: caseMedian / baselineMedian,
      goal: item.goal,
      met: item.meets(caseMedian, baselineMedian),
    });
  }
  return rows;
}

/** The machine the numbers were measured on. */
export function machine(): string {
  const processors = cpus();
  return `${processors.length} x ${processors[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** The rows as a Markdown table. */
export function markdownTable(rows: readonly BenchRow[]): string {
  const format = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));
  return [
    '| case | size | median (ms) | baseline | baseline median (ms) | ratio | goal | met |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.size} | ${format(row.median)} | ${row.baselineName} | ${format(row.baselineMedian)} | ${row.ratio.toFixed(2)}x | ${row.goal} | ${row.met ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
}
