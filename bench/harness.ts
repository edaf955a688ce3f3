/**
 * The benchmark harness: each case runs next to its baseline in the same process (tinybench), so a
 * goal is judged against a number measured on the same machine in the same run. Cases may be
 * asynchronous, and may measure memory (for example the peak resident set of a child process
 * that streams a large file), shown in a column of its own.
 */
import { cpus, totalmem } from 'node:os';
import { Bench } from 'tinybench';

/** A memory measure of a case: what it is, and how to take it (in MiB). */
export interface MemoryMeasure {
  /** What is measured, for the table ("peak RSS of a child process"). */
  readonly label: string;
  readonly measure: () => Promise<number> | number;
}

/** One benchmark case and the baseline it is reported beside. */
export interface BenchCase {
  readonly name: string;
  /** What the case works on, for the table ("10 000 teams"). */
  readonly size: string;
  /** The goal in words, beside the table ("< 1000 ms", "<= 1.2x baseline"). */
  readonly goal: string;
  readonly run: () => unknown;
  readonly baselineName: string;
  /**
   * The baseline: a function timed here like the case, or, for a program that must be timed by
   * its own clock (R's `system.time` around one call, so that starting R and reading the data
   * are not counted), `ownTime`, which runs it `runs` times (default 1) and returns the times in
   * ms; their median is the baseline's.
   */
  readonly baseline:
    | (() => unknown)
    | {
        readonly ownTime: () => Promise<readonly number[]>;
      };
  /** Whether the measured medians (ms), and the memory (MiB) when measured, meet the goal. */
  readonly meets: (median: number, baselineMedian: number, memory?: number) => boolean;
  readonly iterations?: number;
  /**
   * Measure the case and its baseline in alternating repetitions (case and baseline, then
   * baseline and case ...) of the process's CPU time, instead of one after the other in wall
   * time: for short synchronous loops compared within a few tens of percent, so that neither the
   * load on the machine nor the order of measuring moves the ratio.
   */
  readonly alternate?: boolean;
  /** Measured once, after the timings. */
  readonly memory?: MemoryMeasure;
  /** What the case measures besides time, in words, shown in the memory column. */
  readonly measured?: string;
}

/** A measured row of the table. */
export interface BenchRow {
  readonly name: string;
  readonly size: string;
  readonly median: number;
  readonly baselineName: string;
  readonly baselineMedian: number;
  readonly ratio: number;
  /** The memory measure in words ("peak RSS 92 MiB"), or what else was measured, or empty. */
  readonly memory: string;
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

/** The median of times measured elsewhere. */
function middle(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  if (sorted.length === 0) throw new Error('a baseline measured by its own clock returned no time');
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

/** Milliseconds of CPU time the process spends in one synchronous call. */
function cpuMilliseconds(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The medians of a case and its baseline measured in alternating repetitions (CPU time). */
function alternatingMedians(item: BenchCase, iterations: number): [number, number] {
  const baseline = item.baseline;
  if (typeof baseline !== 'function')
    throw new Error(`${item.name}: alternate needs a baseline to call`);
  for (let warmUp = 0; warmUp < 3; warmUp++) {
    item.run();
    baseline();
  }
  const caseTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let repetition = 0; repetition < iterations; repetition++) {
    if (repetition % 2 === 1) baselineTimes.push(cpuMilliseconds(baseline));
    caseTimes.push(cpuMilliseconds(item.run));
    if (repetition % 2 === 0) baselineTimes.push(cpuMilliseconds(baseline));
  }
  return [middle(caseTimes), middle(baselineTimes)];
}

/** Runs every case and its baseline, one after the other (or alternating: `alternate`). */
export async function runCases(cases: readonly BenchCase[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const item of cases) {
    const iterations = item.iterations ?? 5;
    const [caseMedian, baselineMedian] = item.alternate
      ? alternatingMedians(item, iterations)
      : [
          await median(item.name, item.run, iterations),
          typeof item.baseline === 'function'
            ? await median(item.baselineName, item.baseline, iterations)
            : middle(await item.baseline.ownTime()),
        ];
    const memory = item.memory === undefined ? undefined : await item.memory.measure();
    rows.push({
      name: item.name,
      size: item.size,
      median: caseMedian,
      baselineName: item.baselineName,
      baselineMedian,
      ratio: caseMedian / baselineMedian,
      memory:
        memory === undefined || item.memory === undefined
          ? (item.measured ?? '')
          : `${item.memory.label}: ${memory.toFixed(0)} MiB`,
      goal: item.goal,
      met: item.meets(caseMedian, baselineMedian, memory),
    });
    console.log(
      `${item.name} (${item.size}): ${caseMedian.toFixed(1)} ms vs ${baselineMedian.toFixed(1)} ms${memory === undefined ? '' : `, ${memory.toFixed(0)} MiB`}`,
    );
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
    '| case | size | median (ms) | baseline | baseline median (ms) | ratio | memory, measured | goal | met |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${row.size} | ${format(row.median)} | ${row.baselineName} | ${format(row.baselineMedian)} | ${row.ratio.toFixed(2)}x | ${row.memory} | ${row.goal} | ${row.met ? 'yes' : 'NO'} |`,
    ),
  ].join('\n');
}
