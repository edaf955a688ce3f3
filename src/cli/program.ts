import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isCalendarDay } from '../core/calendarDay.js';
import { isInternalCustomerError } from '../core/errors.js';
import { LOWEST_MIN_GROUP_SIZE } from '../privacy/minGroupSize.js';
import type { EnpsIntervalMethod } from '../satisfaction/enps.js';
import { ENPS_INTERVAL_METHODS } from '../satisfaction/enpsIntervals/registry.js';
import { WAREHOUSE_DIALECTS, type WarehouseDialect } from '../warehouse/types.js';
import { cohortsCommand } from './commands/cohorts.js';
import { compareCommand } from './commands/compare.js';
import { enpsCommand } from './commands/enps.js';
import { favourabilityCommand } from './commands/favourability.js';
import { initMappingCommand } from './commands/initMapping.js';
import { reportCommand } from './commands/report.js';
import { riskCommand } from './commands/risk.js';
import { scorecardsCommand } from './commands/scorecards.js';
import { survivalCommand } from './commands/survival.js';
import { trendCommand } from './commands/trend.js';
import { turnoverCommand } from './commands/turnover.js';
import {
  mergeCommand,
  sqlCommand,
  WAREHOUSE_AGGREGATES,
  type WarehouseAggregate,
} from './commands/warehouse.js';
import { CliError, withoutFunctionNames } from './errors.js';
import { type CliIo, colourAllowed, styles, terminalSafe } from './io.js';
import { type CommandOutput, emit, FORMATS, type Format } from './output.js';
import type { ProgressMode } from './progress.js';
import { issueLines } from './readTable.js';

/** The package's version, from the nearest package.json named internal-customer. @internal */
export function packageVersion(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'internal-customer' && manifest.version !== undefined)
        return manifest.version;
    } catch {
      // not here; look further up
    }
    folder = dirname(folder);
  }
  return 'unknown';
}

function wholeNumber(name: string, minimum: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < minimum) {
      throw new InvalidArgumentError(`${name} requires a whole number of at least ${minimum}.`);
    }
    return Number(value);
  };
}

function level(value: string): number {
  const number = Number(value);
  if (!/^0?\.\d+$/.test(value) || !(number > 0 && number < 1)) {
    throw new InvalidArgumentError('the level must be a number between 0 and 1, such as 0.95.');
  }
  return number;
}

function day(value: string): string {
  if (!isCalendarDay(value)) throw new InvalidArgumentError('give a calendar day as YYYY-MM-DD.');
  return value;
}

function monthList(value: string): number[] {
  const months = value.split(',').map((month) => month.trim());
  if (months.some((month) => !/^\d+$/.test(month) || Number(month) < 1)) {
    throw new InvalidArgumentError(
      'give whole numbers of months of at least 1, such as 3,6,12,24.',
    );
  }
  return [...new Set(months.map(Number))].sort((a, b) => a - b);
}

function columnList(value: string): string[] {
  const columns = value.split(',').map((column) => column.trim());
  if (columns.some((column) => column === '') || new Set(columns).size !== columns.length) {
    throw new InvalidArgumentError('give distinct column names separated by commas.');
  }
  return columns;
}

const formatOption = () =>
  new Option('--format <format>', 'output format').choices(FORMATS).default('table');
const outputOption = () =>
  new Option(
    '-o, --output <file>',
    'write to a file (whole or not at all) instead of standard output',
  );
const mappingOption = () =>
  new Option(
    '--mapping <file.json>',
    'a mapping file (see the README, "Mapping files": value maps, day formats, missing texts, derived fields), or the csv module\'s header renames',
  );
const minGroupOption = () =>
  new Option('--min-group <n>', 'minimum group size: smaller groups are suppressed')
    .argParser(wholeNumber('--min-group', LOWEST_MIN_GROUP_SIZE))
    .default(5);
const ledgerOption = () =>
  new Option(
    '--ledger <file.json>',
    'a release ledger (created if missing, written back): values whose group differs from one released earlier by fewer than --min-group people are refused; one ledger per survey or data set',
  );
/** The eNPS scale and cut-offs, declared once for every eNPS command (enps, trend, compare). */
const scaleOption = () =>
  new Option(
    '--scale <min-max>',
    "the answers' scale when not 0-10, such as 1-5 (needs --cutoffs)",
  );
const cutoffsOption = () =>
  new Option(
    '--cutoffs <d,p>',
    'the highest detractor and passive answers (default 6,8 on 0-10), such as 2,4 on 1-5',
  );
const levelOption = () =>
  new Option('--level <level>', 'confidence level of the intervals').argParser(level).default(0.95);

interface Common {
  readonly ledger?: string;
  readonly format: Format;
  readonly output?: string;
  readonly mapping?: string;
  readonly minGroup: number;
  readonly level: number;
}

const EXIT_CODES = `
Exit codes: 0 ok; 1 usage error (unknown option, bad value); 2 data error (unreadable file,
missing column, invalid values: the issues are listed on standard error and nothing is written).
Give - as the file to read standard input. Colour only on a terminal, never with NO_COLOR set.`;

/** Runs a command's work and writes its output in the chosen format. @internal */
type Run = (
  work: () => Promise<CommandOutput | undefined>,
  format: Format,
  output?: string,
) => Promise<void>;

const EMPLOYEES_HELP = `
The employees file has one row per employment spell (a rehire has two rows with the same id):
  id               the person (required)
  hireDate         first day employed, YYYY-MM-DD (required)
  terminationDate  last day employed, YYYY-MM-DD (empty while employed)
  separationKind   voluntary | involuntary | other (required with a terminationDate)
  regretted        true | false (optional, with a terminationDate)
  workerType       employee | direct-temporary | contractor | agency (default employee;
                   contractors and agency staff are not counted)
  plus the --by column (the value on the person's latest spell). Rename other headers to
  these names with --mapping, e.g. { "columns": { "Employee Number": "id", "Start": "hireDate" } }.`;

/**
 * Builds the `internal-customer` program: one subcommand per task, each with `--format table |
 * json | csv`, `--output`, `--help` with examples. `run` receives each command's work. @internal
 */
export function buildProgram(io: CliIo, run: Run): Command {
  const version = packageVersion();
  const program = new Command('internal-customer')
    .description(
      'People-leadership metrics from CSV files: eNPS and its trend and comparisons, favourability, turnover, tenure survival, hire cohorts, manager scorecards, the retention-risk model and an HTML report. Every breakdown is privacy-safe: small groups are suppressed.',
    )
    .version(version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(styles(colourAllowed(io.stderr, io.env)).red(text)),
    })
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer enps survey.csv --score "Recommend" --by Team
  $ internal-customer favourability survey.csv --items growth,workload --points 5 --format json
  $ internal-customer turnover employees.csv --from 2025-01-01 --to 2025-12-31 --by department
  $ internal-customer survival employees.csv --as-of 2025-12-31 --by department --format csv
  $ internal-customer cohorts employees.csv --as-of 2025-12-31 --cohort year
  $ internal-customer trend pulse.csv --score enps --interval quarter
  $ internal-customer compare spring.csv autumn.csv --score enps --id respondentId
  $ internal-customer scorecards examples/data --from 2025-01-01 --to 2025-06-30 --scope tree
  $ internal-customer risk emp_attrition.csv --label Attrition --features OverTime,JobLevel --by Gender
  $ internal-customer report examples/data --out report/index.html
  $ internal-customer init-mapping HRDataset_v14.csv -o hr.mapping.json
  $ internal-customer sql enps --dialect bigquery --table hr.answers --group-by team_id,quarter
  $ internal-customer merge result.csv --aggregate enps --group-by team_id,quarter
${EXIT_CODES}`,
    );

  addEnpsCommand(program, io, run);
  addFavourabilityCommand(program, io, run);
  addTurnoverCommand(program, io, run);
  addSurvivalCommand(program, io, run);
  addCohortsCommand(program, io, run);
  addTrendCommand(program, io, run);
  addCompareCommand(program, io, run);
  addScorecardsCommand(program, run);
  addRiskCommand(program, io, run);
  addReportCommand(program, io, run, version);
  addInitMappingCommand(program, io);
  addSqlCommand(program, io);
  addMergeCommand(program, io, run);
  addProgressOptions(program, io);
  return program;
}

/** The commands that read a file row by row, and so can show how far they are. */
const READING_COMMANDS = new Set([
  'enps',
  'favourability',
  'turnover',
  'survival',
  'cohorts',
  'trend',
  'compare',
  'risk',
]);

/**
 * `--progress` and `--quiet` on every command that reads a file: progress (rows read, and the
 * share of a file's bytes) on standard error, never on standard output; by default only when
 * standard error is a terminal and the read takes over a second. Set on `io.progress` before the
 * command runs. @internal
 */
function addProgressOptions(program: Command, io: CliIo): void {
  for (const command of program.commands) {
    if (!READING_COMMANDS.has(command.name())) continue;
    command
      .addOption(
        new Option(
          '--progress',
          'show progress on standard error even when it is not a terminal (a line a second)',
        ).conflicts('quiet'),
      )
      .addOption(new Option('--quiet', 'show no progress'));
  }
  program.hook('preAction', (_program, action) => {
    if (io.progress === undefined) return;
    const options = action.opts<{ progress?: boolean; quiet?: boolean }>();
    io.progress.mode = options.quiet ? 'never' : options.progress ? 'always' : 'auto';
  });
}

/** The `enps` command. @internal */
function addEnpsCommand(program: Command, io: CliIo, run: Run): void {
  program
    .command('enps')
    .description('employee NPS with its interval, overall or per group')
    .argument('<file>', 'a CSV file with one answer per row (- for standard input)')
    .requiredOption('--score <column>', 'the column of 0-10 answers (empty = skipped)')
    .addOption(scaleOption())
    .addOption(cutoffsOption())
    .option('--by <column>', 'break down by this column (suppressed cells shown as such)')
    .addOption(minGroupOption())
    .addOption(ledgerOption())
    .addOption(
      new Option('--method <method>', 'interval method')
        .choices(ENPS_INTERVAL_METHODS.map((method) => method.id))
        .default(ENPS_INTERVAL_METHODS.find((method) => method.isDefault)!.id),
    )
    .addOption(levelOption())
    .addOption(
      new Option('--seed <n>', 'seed of the bootstrap')
        .argParser(wholeNumber('--seed', 0))
        .default(1),
    )
    .addOption(mappingOption())
    .addOption(formatOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer enps pulse.csv --score enps
  $ internal-customer enps pulse.csv --score "How likely are you to recommend us?" --by Department --min-group 7
  $ cat pulse.csv | internal-customer enps - --score enps --format json
  $ internal-customer enps engagement.csv --score Recommend --scale 1-5 --cutoffs 2,4

Answers that look like another scale (none at 0 and none above 7, such as a 1-5 item) are
refused unless --scale and --cutoffs say how to read them; they are never blanked or rescaled.
${EXIT_CODES}`,
    )
    .action(
      async (
        file: string,
        options: Common & {
          score: string;
          by?: string;
          method: EnpsIntervalMethod;
          seed: number;
          scale?: string;
          cutoffs?: string;
        },
      ) => {
        await run(() => enpsCommand(file, options, io), options.format, options.output);
      },
    );
}

/** The `favourability` command. @internal */
function addFavourabilityCommand(program: Command, io: CliIo, run: Run): void {
  program
    .command('favourability')
    .description('favourable / neutral / unfavourable shares of Likert items, overall or per group')
    .argument('<file>', 'a CSV file with one respondent per row (- for standard input)')
    .requiredOption('--items <columns>', 'the item columns, separated by commas', columnList)
    .requiredOption('--points <n>', 'points of the scale (2-11); answers 1..points', (value) => {
      const points = wholeNumber('--points', 2)(value);
      if (points > 11) throw new InvalidArgumentError('--points requires 2 to 11.');
      return points;
    })
    .option('--by <column>', 'break down by this column (suppressed cells shown as such)')
    .addOption(minGroupOption())
    .addOption(ledgerOption())
    .addOption(levelOption())
    .addOption(mappingOption())
    .addOption(formatOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer favourability survey.csv --items growth1,workload1,support1 --points 5
  $ internal-customer favourability survey.csv --items growth1,workload1 --points 5 --by Team --format csv
${EXIT_CODES}`,
    )
    .action(
      async (file: string, options: Common & { items: string[]; points: number; by?: string }) => {
        await run(() => favourabilityCommand(file, options, io), options.format, options.output);
      },
    );
}

/** The `turnover` command. @internal */
function addTurnoverCommand(program: Command, io: CliIo, run: Run): void {
  program
    .command('turnover')
    .description('turnover over a period (SHRM, BLS JOLTS), annualised, overall or per group')
    .argument('<employees-file>', 'a CSV file of employment spells (- for standard input)')
    .requiredOption('--from <date>', 'the first day of the period, YYYY-MM-DD', day)
    .requiredOption('--to <date>', 'the last day of the period (inclusive), YYYY-MM-DD', day)
    .option('--by <column>', 'break down by this column (suppressed cells shown as such)')
    .addOption(
      new Option('--headcount <method>', 'how the average headcount is taken')
        .choices(['daily', 'monthly', 'start-end'])
        .default('daily'),
    )
    .addOption(minGroupOption())
    .addOption(ledgerOption())
    .addOption(levelOption())
    .addOption(mappingOption())
    .addOption(formatOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer turnover employees.csv --from 2025-01-01 --to 2025-12-31
  $ internal-customer turnover hr-export.csv --mapping hr-export.json --from 2025-07-01 --to 2025-09-30 --by department
${EMPLOYEES_HELP}
${EXIT_CODES}`,
    )
    .action(
      async (
        file: string,
        options: Common & { from: string; to: string; by?: string; headcount: 'daily' },
      ) => {
        await run(() => turnoverCommand(file, options, io), options.format, options.output);
      },
    );
}

/** The `survival` command. @internal */
function addSurvivalCommand(program: Command, io: CliIo, run: Run): void {
  program
    .command('survival')
    .description('Kaplan-Meier tenure survival and median tenure, overall or per group')
    .argument('<employees-file>', 'a CSV file of employment spells (- for standard input)')
    .requiredOption('--as-of <date>', 'the day the data describes, YYYY-MM-DD', day)
    .option('--by <column>', 'break down by this column (suppressed cells shown as such)')
    .addOption(
      new Option('--unit <unit>', 'unit of tenure')
        .choices(['months', 'years', 'days'])
        .default('months'),
    )
    .addOption(minGroupOption())
    .addOption(levelOption())
    .addOption(mappingOption())
    .addOption(formatOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer survival employees.csv --as-of 2025-12-31
  $ internal-customer survival employees.csv --as-of 2025-12-31 --by department --unit years --format json
${EMPLOYEES_HELP}
${EXIT_CODES}`,
    )
    .action(
      async (file: string, options: Common & { asOf: string; by?: string; unit: 'months' }) => {
        await run(() => survivalCommand(file, options, io), options.format, options.output);
      },
    );
}

/** The `cohorts` command. @internal */
function addCohortsCommand(program: Command, io: CliIo, run: Run): void {
  program
    .command('cohorts')
    .description('hire cohorts: the share of each cohort still employed months after hire')
    .argument('<employees-file>', 'a CSV file of employment spells (- for standard input)')
    .requiredOption('--as-of <date>', 'the day the data describes, YYYY-MM-DD', day)
    .addOption(
      new Option('--cohort <unit>', 'how hires are grouped by their hire day')
        .choices(['month', 'quarter', 'year'])
        .default('quarter'),
    )
    .addOption(
      new Option('--horizons <months>', 'months after hire at which retention is read')
        .argParser(monthList)
        .default([3, 6, 12, 24], '3,6,12,24'),
    )
    .option(
      '--records-start <date>',
      'the first day the records cover: cohorts hired before it are not observed from hire (their early leavers are missing) and show no retention',
      day,
    )
    .addOption(minGroupOption())
    .addOption(ledgerOption())
    .addOption(mappingOption())
    .addOption(formatOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer cohorts employees.csv --as-of 2025-12-31
  $ internal-customer cohorts hr-export.csv --mapping hr-export.json --as-of 2025-12-31 --cohort year --horizons 12,24 --records-start 2018-01-01
${EMPLOYEES_HELP}
${EXIT_CODES}`,
    )
    .action(
      async (
        file: string,
        options: Common & {
          asOf: string;
          cohort: 'quarter';
          horizons: number[];
          recordsStart?: string;
        },
      ) => {
        await run(() => cohortsCommand(file, options, io), options.format, options.output);
      },
    );
}

/** The `trend` command. @internal */
function addTrendCommand(program: Command, io: CliIo, run: Run): void {
  program
    .command('trend')
    .description('eNPS by week, month or quarter, each change from the previous one tested')
    .argument('<file>', 'a CSV file with one answer per row (- for standard input)')
    .requiredOption('--score <column>', 'the column of 0-10 answers (empty = skipped)')
    .option('--date <column>', "the column of each answer's day or instant", 'submittedAt')
    .addOption(
      new Option('--interval <interval>', 'the period of each point')
        .choices(['week', 'month', 'quarter'])
        .default('month'),
    )
    .option('--as-of <date>', "the last day to include (default: the latest answer's day)", day)
    .addOption(scaleOption())
    .addOption(cutoffsOption())
    .addOption(minGroupOption())
    .addOption(ledgerOption())
    .addOption(
      new Option('--method <method>', 'interval method of each point and of the change tests')
        .choices(['adjusted-wald', 'wald'])
        .default('adjusted-wald'),
    )
    .addOption(
      new Option('--adjust <adjust>', 'correct the change tests for multiplicity')
        .choices(['none', 'benjamini-hochberg'])
        .default('none'),
    )
    .addOption(levelOption())
    .addOption(mappingOption())
    .addOption(formatOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer trend pulse.csv --score enps --date submittedAt --interval quarter
  $ internal-customer trend engagement.tsv --mapping engagement.mapping.json --score recommend --ledger pulse.ledger.json
${EXIT_CODES}`,
    )
    .action(
      async (
        file: string,
        options: Common & {
          score: string;
          date: string;
          interval: 'month';
          asOf?: string;
          method: 'adjusted-wald';
          adjust: 'none';
          scale?: string;
          cutoffs?: string;
        },
      ) => {
        await run(() => trendCommand(file, options, io), options.format, options.output);
      },
    );
}

/** The `compare` command. @internal */
function addCompareCommand(program: Command, io: CliIo, run: Run): void {
  program
    .command('compare')
    .description(
      'the eNPS difference between two surveys or two periods, with its interval and test',
    )
    .argument('<files...>', 'two CSV files (two surveys), or one with --date, --first and --second')
    .requiredOption('--score <column>', 'the column of 0-10 answers (empty = skipped)')
    .option('--id <column>', 'the respondent id column: pair the answers of people in both')
    .option('--date <column>', "the column of each answer's day or instant, to compare two periods")
    .option('--first <from..to>', 'the first period, such as 2025-01-01..2025-03-31')
    .option('--second <from..to>', 'the second period')
    .addOption(scaleOption())
    .addOption(cutoffsOption())
    .addOption(minGroupOption())
    .addOption(ledgerOption())
    .addOption(
      new Option('--method <method>', 'interval method of the independent test')
        .choices(['adjusted-wald', 'wald'])
        .default('adjusted-wald'),
    )
    .addOption(levelOption())
    .addOption(mappingOption())
    .addOption(formatOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer compare spring.csv autumn.csv --score enps
  $ internal-customer compare spring.csv autumn.csv --score enps --id respondentId
  $ internal-customer compare pulse.csv --score enps --date submittedAt --first 2025-01-01..2025-03-31 --second 2025-04-01..2025-06-30

The difference is second - first. With --id the people who answered both are paired (a t test
on their changes); without it the two groups are compared as independent (a z test).
${EXIT_CODES}`,
    )
    .action(
      async (
        files: string[],
        options: Common & {
          score: string;
          id?: string;
          date?: string;
          first?: string;
          second?: string;
          method: 'adjusted-wald';
          scale?: string;
          cutoffs?: string;
        },
      ) => {
        await run(() => compareCommand(files, options, io), options.format, options.output);
      },
    );
}

/** The `scorecards` command. @internal */
function addScorecardsCommand(program: Command, run: Run): void {
  program
    .command('scorecards')
    .description('manager scorecards: how each manager serves their people, privacy-safe')
    .argument(
      '<dataset-folder>',
      'a folder of CSV files named like examples/data, exports with NAME.mapping.json beside them, a dataset JSON, or one export with --mapping',
    )
    .requiredOption('--from <date>', 'the first day of the period, YYYY-MM-DD', day)
    .requiredOption('--to <date>', 'the last day of the period (inclusive), YYYY-MM-DD', day)
    .option('--as-of <date>', 'the day of the scorecards (default: --to)', day)
    .addOption(
      new Option('--scope <scope>', "a manager's direct reports or whole reporting tree")
        .choices(['direct', 'tree'])
        .default('direct'),
    )
    .addOption(minGroupOption())
    .addOption(mappingOption())
    .addOption(formatOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer scorecards examples/data --from 2025-01-01 --to 2025-06-30
  $ internal-customer scorecards hr-exports/ --from 2025-01-01 --to 2025-12-31 --scope tree --format csv
${EXIT_CODES}`,
    )
    .action(
      async (
        path: string,
        options: Common & { from: string; to: string; asOf?: string; scope: 'direct' },
      ) => {
        await run(() => scorecardsCommand(path, options), options.format, options.output);
      },
    );
}

/** The `risk` command. @internal */
function addRiskCommand(program: Command, io: CliIo, run: Run): void {
  program
    .command('risk')
    .description('fit the retention-risk model, cross-validate it, calibration by group')
    .argument('<file>', 'a CSV file with one person per row and whether they left')
    .requiredOption('--label <column>', 'the outcome column (Yes/No, 1/0, true/false ...)')
    .requiredOption(
      '--features <columns>',
      'the predictor columns, separated by commas',
      columnList,
    )
    .option(
      '--by <column>',
      'break the cross-validated performance and calibration down by this column',
    )
    .option('--id <column>', 'the column naming each person (with --scores)')
    .option(
      '--scores',
      'a score per person with its main factors (HR data or identified surveys only)',
      false,
    )
    .addOption(
      new Option('--folds <k>', 'folds of the cross-validation')
        .argParser(wholeNumber('--folds', 2))
        .default(10),
    )
    .addOption(
      new Option('--seed <n>', 'seed of the folds').argParser(wholeNumber('--seed', 0)).default(1),
    )
    .addOption(minGroupOption())
    .addOption(levelOption())
    .addOption(mappingOption())
    .addOption(formatOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer risk emp_attrition.csv --label Attrition --features OverTime,JobLevel,YearsAtCompany --by Gender
  $ internal-customer risk hr.csv --label left --features dept,months --id id --scores --format csv

Protected attributes (gender, age ...) are refused as features; use --by to check how the model
serves each group. --scores is refused for a survey the mapping declares anonymous or confidential.
${EXIT_CODES}`,
    )
    .action(
      async (
        file: string,
        options: Common & {
          label: string;
          features: string[];
          by?: string;
          id?: string;
          scores: boolean;
          folds: number;
          seed: number;
        },
      ) => {
        await run(() => riskCommand(file, options, io), options.format, options.output);
      },
    );
}

/** The `report` command. @internal */
function addReportCommand(program: Command, io: CliIo, run: Run, version: string): void {
  program
    .command('report')
    .description('a self-contained HTML report of an organisation (charts rendered to SVG)')
    .argument(
      '<dataset-folder>',
      'a folder of CSV files named like examples/data (employees.csv, teams.csv, spells.csv, assignments.csv, surveys.csv, questions.csv, responses.csv ...), exports with NAME.mapping.json beside them, a dataset JSON, or one export with --mapping',
    )
    .requiredOption('--out <file.html>', 'the HTML file to write (whole or not at all)')
    .option(
      '--as-of <date>',
      'the day the data describes (default: the latest day in the data)',
      day,
    )
    .addOption(minGroupOption())
    .addOption(ledgerOption())
    .addOption(mappingOption())
    .addOption(
      new Option('--format <format>', 'what to print when done').choices(FORMATS).default('table'),
    )
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer report examples/data --out report/index.html
  $ internal-customer report hr-data/ --out people-report.html --as-of 2025-12-31 --min-group 7
  $ internal-customer report HRDataset.csv --mapping hr.mapping.json --out hr-report.html

Needs the optional dependencies vega and vega-lite (npm install vega vega-lite@~6.4).
${EXIT_CODES}`,
    )
    .action(
      async (
        path: string,
        options: {
          out: string;
          asOf?: string;
          minGroup: number;
          ledger?: string;
          mapping?: string;
          format: Format;
        },
      ) => {
        await run(async () => {
          const result = await reportCommand(path, { ...options, version }, io);
          return {
            json: { command: 'report', ...result },
            csv: {
              columns: ['id', 'title'],
              rows: result.sections.map((section) => ({ ...section })),
            },
            table: {
              title: `Wrote ${result.out} (${result.bytes} bytes), data as of ${result.asOf}`,
              header: ['section', 'title'],
              rows: result.sections.map((section) => [section.id, section.title]),
              notes: [],
              textColumns: 2,
            },
          };
        }, options.format);
      },
    );
}

/** The `init-mapping` command. @internal */
function addInitMappingCommand(program: Command, io: CliIo): void {
  program
    .command('init-mapping')
    .description('write a starter mapping file for an export, every guess marked to confirm')
    .argument('<file>', 'the export (CSV or TSV; UTF-8 or UTF-16 with a byte-order mark)')
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer init-mapping HRDataset_v14.csv -o hr.mapping.json
  $ internal-customer init-mapping survey.tsv > survey.mapping.json

The mapping lists what it guessed in "toConfirm" (fields, day formats, value maps, missing
texts); it is refused until that list is emptied. See the README, "Mapping files".
${EXIT_CODES}`,
    )
    .action(async (file: string, options: { output?: string }) => {
      await initMappingCommand(file, options, io);
    });
}

const pointsOption = () =>
  new Option('--points <n>', 'points of the Likert scale (2-11); answers 1..points').argParser(
    (value) => {
      const points = wholeNumber('--points', 2)(value);
      if (points > 11) throw new InvalidArgumentError('--points requires 2 to 11.');
      return points;
    },
  );

const groupByOption = () =>
  new Option(
    '--group-by <columns>',
    'columns to group by, separated by commas; month, quarter or year groups by that UTC period',
  ).argParser(columnList);

/** The options of the spells aggregates (survival, cohorts) of `sql` and `merge`. */
function addSpellOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--as-of <date>',
        'survival, cohorts: the day the data describes, YYYY-MM-DD',
      ).argParser(day),
    )
    .addOption(
      new Option(
        '--records-start <date>',
        'survival, cohorts: the first day the records cover (late entry; earlier leavers left out)',
      ).argParser(day),
    )
    .addOption(
      new Option(
        '--cohort <unit>',
        'cohorts: how hires are grouped by their hire day (default quarter)',
      ).choices(['month', 'quarter', 'year']),
    )
    .addOption(
      new Option(
        '--horizons <months>',
        'cohorts: months after hire at which retention is read (default 3,6,12,24)',
      ).argParser(monthList),
    );
}

/** The `sql` command. @internal */
function addSqlCommand(program: Command, io: CliIo): void {
  const command = program
    .command('sql')
    .description('print the SQL that counts an aggregate in a warehouse, for an analyst to run')
    .argument('<aggregate>', WAREHOUSE_AGGREGATES.join(' | '))
    .addOption(
      new Option('--dialect <dialect>', 'the SQL dialect')
        .choices(WAREHOUSE_DIALECTS)
        .makeOptionMandatory(),
    )
    .option(
      '--table <name>',
      'the table, optionally qualified (default answers, invitations or spells, by aggregate)',
    )
    .addOption(groupByOption())
    .option('--question <id>', "only this question's answers (default every row)")
    .option('--survey <id>', "only this survey's answers")
    .addOption(pointsOption())
    .addOption(new Option('--from <day>', 'first day counted (UTC), YYYY-MM-DD').argParser(day))
    .addOption(new Option('--to <day>', 'last day counted (UTC), YYYY-MM-DD').argParser(day))
    .option(
      '--columns <pairs>',
      'other column names, field=column separated by commas (answers: surveyId, questionId, respondentId, teamId, answeredAt, score; invitations: surveyId, personId, teamId, invitedAt, respondedAt; spells: personId, teamId, hiredOn, leftOn, exitKind, regretted)',
      columnList,
    )
    .option('--inline', 'write plain values into the SQL instead of listing them as parameters')
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer sql enps --dialect bigquery --table hr.answers --group-by team_id,quarter
  $ internal-customer sql enps --dialect postgres --question q-enps --from 2025-01-01 --to 2025-12-31
  $ internal-customer sql favourability --dialect snowflake --question growth1 --points 5 --group-by team_id,month
  $ internal-customer sql turnover --dialect clickhouse --from 2025-01-01 --to 2025-12-31 --group-by team_id
  $ internal-customer sql cohorts --dialect postgres --as-of 2025-12-31 --horizons 3,12 --group-by team_id

Values go in as parameters (listed in a comment, in order), or with --inline straight into the
text when they are plain (letters, digits, space, - _ . : + / @); ClickHouse values are always
written as escaped literals. Run the query, export its result as CSV or JSON, and read it back
with \`internal-customer merge\`. Periods are cut in UTC.
${EXIT_CODES}`,
    )
    .action(
      async (
        aggregate: string,
        options: {
          dialect: WarehouseDialect;
          table?: string;
          groupBy?: string[];
          question?: string;
          survey?: string;
          points?: number;
          from?: string;
          to?: string;
          columns?: string[];
          asOf?: string;
          recordsStart?: string;
          cohort?: 'month' | 'quarter' | 'year';
          horizons?: number[];
          inline?: boolean;
          output?: string;
        },
      ) => {
        await sqlCommand(checkedAggregate(aggregate), options, io);
      },
    );
  addSpellOptions(command);
}

function checkedAggregate(value: string): WarehouseAggregate {
  if (!(WAREHOUSE_AGGREGATES as readonly string[]).includes(value)) {
    throw new CliError(
      1,
      `the aggregate must be one of ${WAREHOUSE_AGGREGATES.join(', ')}, got ${JSON.stringify(value)}.`,
    );
  }
  return value as WarehouseAggregate;
}

/** The `merge` command. @internal */
function addMergeCommand(program: Command, io: CliIo, run: Run): void {
  const command = program
    .command('merge')
    .description('merge the exported result of `sql` (CSV or JSON) and publish it, privacy-safe')
    .argument('<file>', 'the exported rows, CSV with a header or JSON (- for standard input)')
    .addOption(
      new Option('--aggregate <aggregate>', 'what the query counted')
        .choices(WAREHOUSE_AGGREGATES)
        .makeOptionMandatory(),
    )
    .addOption(groupByOption())
    .addOption(pointsOption())
    .addOption(minGroupOption())
    .addOption(levelOption())
    .addOption(formatOption())
    .addOption(outputOption())
    .addHelpText(
      'after',
      `
Examples:
  $ internal-customer merge result.csv --aggregate enps --group-by team_id,quarter
  $ internal-customer merge result.json --aggregate favourability --points 5 --min-group 7 --format csv
  $ internal-customer merge turnover.csv --aggregate turnover --from 2025-01-01 --to 2025-12-31 --group-by team_id

Give the same --group-by, --points, --from/--to (turnover) and --as-of, --records-start,
--cohort, --horizons (survival, cohorts) as to \`sql\`. Several rows of one group (partitions,
shards, several warehouses) add up exactly; counts may be numbers or digit strings. Each period's
groups and total are published together: small groups suppressed, with complements.
${EXIT_CODES}`,
    )
    .action(
      async (
        file: string,
        options: Common & {
          aggregate: WarehouseAggregate;
          groupBy?: string[];
          points?: number;
          from?: string;
          to?: string;
          asOf?: string;
          recordsStart?: string;
          cohort?: 'month' | 'quarter' | 'year';
          horizons?: number[];
        },
      ) => {
        await run(() => mergeCommand(file, options, io), options.format, options.output);
      },
    );
  addSpellOptions(command)
    .addOption(
      new Option('--from <day>', 'turnover: first day of the period (UTC), YYYY-MM-DD').argParser(
        day,
      ),
    )
    .addOption(
      new Option('--to <day>', 'turnover: last day of the period, YYYY-MM-DD').argParser(day),
    );
}

/**
 * Runs the command line with arguments (without `node` and the script), returning the exit code:
 * 0 ok, 1 usage error, 2 data error (issues on standard error, nothing written). @internal
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const style = styles(colourAllowed(io.stderr, io.env));
  const fail = (error: CliError): number => {
    // Messages quote values from the data: escape control characters, keeping the line breaks.
    const safe = (text: string) => text.split('\n').map(terminalSafe).join('\n');
    const message = safe(withoutFunctionNames(error.message));
    io.stderr.write(`${style.red(`internal-customer: ${message}`)}\n`);
    for (const line of issueLines(error.issues)) io.stderr.write(`${safe(line)}\n`);
    return error.exitCode;
  };
  const progress: { mode: ProgressMode } = { mode: 'auto' };
  const program = buildProgram({ ...io, progress }, async (work, format, output) => {
    const result = await work();
    if (result !== undefined) await emit(result, format, output, io);
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
        ? 0
        : 1;
    }
    if (error instanceof CliError) return fail(error);
    if (isInternalCustomerError(error)) {
      const code = error.code === 'INVALID_OPTION' ? 1 : 2;
      return fail(new CliError(code, error.message, error.issues));
    }
    io.stderr.write(
      `${style.red(`internal-customer: unexpected error: ${(error as Error)?.stack ?? String(error)}`)}\n`,
    );
    return 2;
  }
}
