/**
 * Survival beside R in the same run (issue 18): Cox (Efron) on 1 M right-censored rows and on
 * 1 M (start, stop] rows with 10 numeric covariates against R `coxph`, Kaplan-Meier with entry
 * times on 1 M rows against R `survfit`, and person-period building for 100 000 people over five
 * years against its goal. The data are generated with a seeded generator and written to a
 * temporary folder in binary; R reads them, then times each call by its own clock
 * (`system.time` around `coxph` or `survfit` only, so starting R and reading the data are not
 * counted) and prints its times and estimates, which are checked against ours. Without
 * `Rscript` and the survival package, the R cases are skipped with a message.
 * `BENCH_R_RUNS` (default 1) sets how many times R fits each model.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../src/core/index.js';
import { fitCoxModel, kaplanMeier, personPeriods } from '../src/retention/index.js';
import type { PersonPeriodInput } from '../src/retention/personPeriods.js';
import type { BenchCase } from './harness.js';

const ROWS = 1_000_000;
const P = 10;
const PEOPLE = 100_000;
const R_RUNS = Number(process.env.BENCH_R_RUNS ?? 1);

/** A standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface CoxBenchData {
  readonly start: Float64Array | undefined;
  readonly stop: Float64Array;
  readonly event: Float64Array;
  readonly x: Float64Array[];
}

/**
 * Right-censored tenures in whole days (heavy ties, as HR data): hazard exp(x'b) / 1000 per day
 * with b = (-0.1, 0, 0.1, ...), independent uniform censoring over 3 000 days.
 */
function rightCensored(seed = 1): CoxBenchData {
  const random = createRandom(seed);
  const x = Array.from({ length: P }, () => new Float64Array(ROWS));
  const stop = new Float64Array(ROWS);
  const event = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    let eta = 0;
    for (let a = 0; a < P; a++) {
      const v = normal(random);
      x[a]![i] = v;
      eta += ((a % 3) - 1) * 0.1 * v;
    }
    const t = (-Math.log(1 - random()) * 1000) / Math.exp(eta);
    const c = random() * 3000;
    stop[i] = Math.max(1, Math.ceil(Math.min(t, c)));
    event[i] = t <= c ? 1 : 0;
  }
  return { start: undefined, stop, event, x };
}

/**
 * Counting-process rows: 250 000 spells of four yearly (start, stop] rows each (365 days, the
 * last row cut at the exit), covariates redrawn each year, the event on the last row only.
 */
function countingProcess(seed = 2): CoxBenchData {
  const random = createRandom(seed);
  const x = Array.from({ length: P }, () => new Float64Array(ROWS));
  const start = new Float64Array(ROWS);
  const stop = new Float64Array(ROWS);
  const event = new Float64Array(ROWS);
  let row = 0;
  while (row < ROWS) {
    const exit = 1 + Math.floor(random() * 4 * 365);
    const left = random() < 0.5 ? 1 : 0;
    for (let year = 0; year < 4 && row < ROWS && year * 365 < exit; year++) {
      start[row] = year * 365;
      stop[row] = Math.min(exit, (year + 1) * 365);
      event[row] = stop[row] === exit ? left : 0;
      for (let a = 0; a < P; a++) x[a]![row] = normal(random);
      row++;
    }
  }
  return { start, stop, event, x };
}

/** Tenures in whole days, 40% leavers, a third entering late (uniform below their exit). */
function lateEntry(seed = 3): { time: Float64Array; event: Float64Array; entry: Float64Array } {
  const random = createRandom(seed);
  const time = new Float64Array(ROWS);
  const event = new Float64Array(ROWS);
  const entry = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) {
    time[i] = Math.max(1, Math.round(-Math.log(1 - random()) * 900));
    event[i] = random() < 0.4 ? 1 : 0;
    if (random() < 1 / 3) entry[i] = Math.floor(random() * time[i]!);
  }
  return { time, event, entry };
}

function hasRSurvival(): boolean {
  return spawnSync('Rscript', ['-e', 'library(survival)'], { stdio: 'ignore' }).status === 0;
}

/** Writes doubles to a file: n, then each column in turn. */
function writeColumns(path: string, columns: readonly Float64Array[]): void {
  const header = new Float64Array([columns[0]!.length, columns.length]);
  writeFileSync(path, Buffer.concat([header, ...columns].map((c) => Buffer.from(c.buffer))));
}

const READ = [
  'con <- file(commandArgs(TRUE)[1], "rb")',
  'head <- readBin(con, "double", 2)',
  'n <- head[1]; k <- head[2]',
  'm <- matrix(readBin(con, "double", n * k), n, k)',
  'close(con)',
];

/**
 * Runs an R call `runs` times in one Rscript process, timed by `system.time` around the call
 * only; returns R's times (ms) and the numbers it prints after (one line).
 */
function timeInR(columns: readonly Float64Array[], call: string, report: string) {
  const folder = mkdtempSync(join(tmpdir(), 'internal-customer-survival-'));
  try {
    const data = join(folder, 'data.bin');
    writeColumns(data, columns);
    const script = join(folder, 'run.R');
    writeFileSync(
      script,
      [
        'suppressMessages(library(survival))',
        ...READ,
        `for (run in seq_len(${R_RUNS})) {`,
        `  elapsed <- system.time(fit <- ${call})[["elapsed"]]`,
        '  cat("time", elapsed * 1000, "\\n")',
        '}',
        `cat("result", sprintf("%.17g", ${report}), "\\n")`,
      ].join('\n'),
    );
    const child = spawnSync('Rscript', [script, data], { encoding: 'utf8', maxBuffer: 2 ** 24 });
    if (child.status !== 0) throw new Error(`Rscript failed: ${child.stderr}`);
    const lines = child.stdout.split('\n');
    const numbers = (tag: string) =>
      lines
        .filter((line) => line.startsWith(`${tag} `))
        .flatMap((line) => line.slice(tag.length).trim().split(/\s+/).map(Number));
    return { times: numbers('time'), result: numbers('result') };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Prints how far R's numbers are from ours (a check that both fitted the same model). */
function compare(what: string, ours: readonly number[], theirs: readonly number[]): void {
  let largest = 0;
  ours.forEach((value, i) => {
    largest = Math.max(largest, Math.abs(value - theirs[i]!));
  });
  const agree = ours.length === theirs.length && largest <= 1e-6;
  console.log(
    `survival bench: ${what}: ${agree ? 'agrees with R' : 'DISAGREES with R'} (largest difference ${largest.toExponential(2)})`,
  );
}

function coxCase(name: string, data: CoxBenchData, rSeconds: string): BenchCase {
  const covariates = Object.fromEntries(data.x.map((column, a) => [`x${a + 1}`, column]));
  const fitOurs = () =>
    fitCoxModel(data.stop, data.event, covariates, data.start ? { entry: data.start } : {});
  const counting = data.start !== undefined;
  return {
    name: `fitCoxModel (Efron), ${name}`,
    size: `${ROWS.toLocaleString('en')} rows x ${P} covariates`,
    goal: '>= 3x faster',
    run: fitOurs,
    baselineName: `R coxph(Surv(${counting ? 'start, stop' : 'time'}, event) ~ X), system.time in R (${rSeconds})`,
    baseline: {
      ownTime: async () => {
        const columns = counting
          ? [data.start!, data.stop, data.event, ...data.x]
          : [data.stop, data.event, ...data.x];
        const surv = counting ? 'Surv(m[, 1], m[, 2], m[, 3])' : 'Surv(m[, 1], m[, 2])';
        const first = counting ? 4 : 3;
        const r = timeInR(columns, `coxph(${surv} ~ m[, ${first}:k])`, 'c(coef(fit), fit$loglik)');
        const ours = fitOurs();
        compare(
          `fitCoxModel, ${name}`,
          [
            ...ours.terms.map((t) => t.coefficient ?? Number.NaN),
            ours.logLikelihood.null,
            ours.logLikelihood.final,
          ],
          r.result,
        );
        return r.times;
      },
    },
    meets: (median, baseline) => 3 * median <= baseline,
    iterations: 2,
  };
}

/**
 * 100 000 people over five years of records (2020-2024), hired from 2012 on (those hired before
 * 2020 enter late): assignments changing every 600 days on average (500 teams, 10 000 managers),
 * a pay change each anniversary and a promotion one year in five, answers to a quarterly
 * identified eNPS pulse (70% answer).
 */
function organisation(seed = 4): PersonPeriodInput {
  const random = createRandom(seed);
  const day = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
  const first = Date.UTC(2012, 0, 1) / 86_400_000;
  const recordsStart = Date.UTC(2020, 0, 1) / 86_400_000;
  const asOf = Date.UTC(2024, 11, 31) / 86_400_000;
  const spells: PersonPeriodInput['spells'][number][] = [];
  const assignments: NonNullable<PersonPeriodInput['assignments']>[number][] = [];
  const careerEvents: NonNullable<PersonPeriodInput['careerEvents']>[number][] = [];
  const responses: NonNullable<PersonPeriodInput['responses']>[number][] = [];
  const pulses = Array.from({ length: 20 }, (_, k) => recordsStart + 14 + 91 * k);
  for (let p = 0; p < PEOPLE; p++) {
    const employeeId = `e${p}`;
    let hire = 0;
    let term = 0;
    do {
      hire = first + Math.floor(random() * (asOf - first));
      term = hire + Math.floor(-Math.log(1 - random()) * 1500);
    } while (term < recordsStart);
    const open = term > asOf;
    spells.push({
      employeeId,
      hireDate: day(hire),
      ...(open ? {} : { terminationDate: day(term), separationKind: 'voluntary' as const }),
    });
    const end = Math.min(term, asOf);
    for (let from = hire; from <= end; ) {
      const to = from + Math.floor(-Math.log(1 - random()) * 600);
      const last = to >= end;
      assignments.push({
        employeeId,
        teamId: `t${Math.floor(random() * 500)}`,
        managerId: `m${Math.floor(random() * 10_000)}`,
        validFrom: day(from),
        ...(last && open ? {} : { validTo: day(Math.min(to, end)) }),
      });
      from = to + 1;
    }
    for (let year = 1; hire + 365 * year <= end; year++) {
      const date = day(hire + 365 * year);
      careerEvents.push({ employeeId, kind: 'pay-change', date, changePercent: 3 });
      if (random() < 0.2) careerEvents.push({ employeeId, kind: 'promotion', date });
    }
    pulses.forEach((pulse, k) => {
      if (pulse < hire || pulse > end || random() >= 0.7) return;
      responses.push({
        surveyId: `pulse${k}`,
        respondentId: employeeId,
        submittedAt: `${day(pulse)}T09:00:00Z`,
        answers: { q: Math.floor(random() * 11) },
      });
    });
  }
  return {
    spells,
    assignments,
    careerEvents,
    surveys: pulses.map((_, k) => ({ id: `pulse${k}`, confidentiality: 'identified' as const })),
    questions: pulses.map((_, k) => ({ id: 'q', surveyId: `pulse${k}`, kind: 'enps' as const })),
    responses,
  };
}

const people = organisation();
const window = { asOf: '2024-12-31', recordsStart: '2020-01-01' };
const built = personPeriods(people, window);

export const survivalCases: BenchCase[] = [
  {
    name: 'personPeriods, tenure axis, late entry',
    size: `${PEOPLE.toLocaleString('en')} people over 5 years: ${built.rows.id.length.toLocaleString('en')} rows from ${(people.assignments!.length + people.careerEvents!.length + people.responses!.length).toLocaleString('en')} records`,
    goal: '< 2000 ms',
    run: () => personPeriods(people, window),
    baselineName: 'grouping the records by person (a Map of arrays)',
    baseline: () => {
      const groups = new Map<string, unknown[]>();
      const add = (id: string, record: unknown) => {
        const list = groups.get(id);
        if (list === undefined) groups.set(id, [record]);
        else list.push(record);
      };
      for (const s of people.spells) add(s.employeeId, s);
      for (const a of people.assignments!) add(a.employeeId, a);
      for (const e of people.careerEvents!) add(e.employeeId, e);
      for (const r of people.responses!) add(r.respondentId!, r);
      return groups;
    },
    meets: (median) => median < 2000,
    iterations: 5,
  },
];

if (hasRSurvival()) {
  survivalCases.push(
    coxCase('right-censored whole days', rightCensored(), 'issue: 13-16 s'),
    coxCase('(start, stop] rows', countingProcess(), 'issue: about 26 s'),
  );
  const km = lateEntry();
  survivalCases.push({
    name: 'kaplanMeier, a third entering late',
    size: `${ROWS.toLocaleString('en')} tenures`,
    goal: '>= 10x faster',
    run: () => kaplanMeier(km.time, km.event, { entry: km.entry }),
    baselineName: 'R survfit(Surv(entry, time, status) ~ 1), system.time in R',
    baseline: {
      ownTime: async () => {
        const r = timeInR(
          [km.entry, km.time, km.event],
          'survfit(Surv(m[, 1], m[, 2], m[, 3]) ~ 1)',
          'c(length(fit$time), fit$surv[length(fit$surv)])',
        );
        const ours = kaplanMeier(km.time, km.event, { entry: km.entry });
        compare(
          'kaplanMeier',
          [ours.time.length, ours.survival[ours.survival.length - 1]!],
          r.result,
        );
        return r.times;
      },
    },
    meets: (median, baseline) => 10 * median <= baseline,
    iterations: 5,
  });
} else {
  console.log(
    'survival bench: Rscript with the survival package not found; the R coxph and survfit cases are skipped (install R and r-cran-survival to run them)',
  );
}
