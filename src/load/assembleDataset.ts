import type { ValidationIssue } from '../core/errors.js';
import { type Dataset, type DatasetCollection, validateDataset } from '../schemas/dataset.js';
import type { LoadMapping } from './mappingSchema.js';
import type { LoadIssue, MappedRow } from './mapRows.js';

/** Where a record came from: its file, data row (1-based after the header) and line. */
export interface RecordOrigin {
  readonly file: string;
  readonly row: number;
  readonly line: number;
}

/** A mapped file: its name, its mapping and its rows as {@link mapRows} gave them. */
export interface MappedTable {
  readonly file: string;
  readonly mapping: LoadMapping;
  readonly rows: readonly MappedRow[];
}

/** Records of one collection read as they are (a dataset CSV file), with their origins. */
export interface CollectionPart {
  readonly collection: DatasetCollection;
  readonly records: readonly unknown[];
  readonly origins: readonly RecordOrigin[];
}

/** What {@link assembleDataset} gives: the validated dataset and every issue, by file row. */
export interface AssembleDatasetResult {
  readonly dataset: Dataset;
  readonly issues: LoadIssue[];
}

type Collections = Map<DatasetCollection, { records: unknown[]; origins: RecordOrigin[] }>;

function add(
  into: Collections,
  collection: DatasetCollection,
  record: unknown,
  origin: RecordOrigin,
) {
  let part = into.get(collection);
  if (part === undefined) {
    part = { records: [], origins: [] };
    into.set(collection, part);
  }
  part.records.push(record);
  part.origins.push(origin);
}

function prefixed(values: Readonly<Record<string, unknown>>, prefix: string) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values))
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  return out;
}

/** The organisation's team when a file has reporting lines but no team column. */
const WHOLE_ORGANISATION = 'organisation';

/** Employees, spells, teams and reporting lines from the rows of HR files. */
function addEmployeeTables(
  tables: readonly MappedTable[],
  into: Collections,
  issues: LoadIssue[],
): void {
  const byName = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const table of tables) {
    for (const { values, row, line } of table.rows) {
      const origin = { file: table.file, row, line };
      const id = values.id as string;
      if (typeof values.name === 'string') {
        const ids = byName.get(values.name) ?? [];
        if (!ids.includes(id)) ids.push(id);
        byName.set(values.name, ids);
      }
      if (!seen.has(id)) {
        seen.add(id);
        add(
          into,
          'employees',
          {
            id,
            name: values.name ?? id,
            ...(values.workerType === undefined ? {} : { workerType: values.workerType }),
            ...(values.birthDate === undefined ? {} : { birthDate: values.birthDate }),
            attributes: prefixed(values, 'attributes.'),
            protectedAttributes: prefixed(values, 'protectedAttributes.'),
          },
          origin,
        );
      }
      add(
        into,
        'spells',
        {
          employeeId: id,
          hireDate: values.hireDate,
          ...(values.terminationDate === undefined
            ? {}
            : { terminationDate: values.terminationDate }),
          ...(values.separationKind === undefined ? {} : { separationKind: values.separationKind }),
          ...(values.regretted === undefined ? {} : { regretted: values.regretted }),
        },
        origin,
      );
    }
  }
  const teams = new Set<string>();
  for (const table of tables) {
    const fields = table.mapping.fields;
    const structured =
      fields.team !== undefined ||
      fields.managerId !== undefined ||
      fields.managerName !== undefined;
    if (!structured) continue;
    for (const { values, row, line } of table.rows) {
      const origin = { file: table.file, row, line };
      const teamId = (values.team as string | undefined) ?? WHOLE_ORGANISATION;
      if (!teams.has(teamId)) {
        teams.add(teamId);
        add(
          into,
          'teams',
          { id: teamId, name: teamId === WHOLE_ORGANISATION ? 'Organisation' : teamId },
          origin,
        );
      }
      let managerId = values.managerId as string | undefined;
      if (typeof values.managerName === 'string') {
        const ids = byName.get(values.managerName) ?? [];
        if (ids.length !== 1) {
          issues.push({
            row,
            line,
            file: table.file,
            collection: 'assignments',
            path: 'managerName',
            code: 'unknown_reference',
            message: `${table.file} row ${row} (line ${line}), managerName: ${JSON.stringify(values.managerName)} ${ids.length === 0 ? 'is the name of no employee' : `is the name of ${ids.length} employees (${ids.join(', ')})`}: the reporting line is left out`,
          });
          managerId = undefined;
        } else managerId = ids[0];
      }
      add(
        into,
        'assignments',
        {
          employeeId: values.id,
          teamId,
          ...(managerId === undefined || managerId === values.id ? {} : { managerId }),
          validFrom: values.hireDate,
          ...(values.terminationDate === undefined ? {} : { validTo: values.terminationDate }),
        },
        origin,
      );
    }
  }
}

/** The survey, its questions and the responses of a survey file. */
function addResponseTable(table: MappedTable, into: Collections, issues: LoadIssue[]): void {
  const { mapping } = table;
  const survey = mapping.survey!;
  const days = table.rows
    .map(({ values }) => values.submittedAt)
    .filter((value): value is string => typeof value === 'string')
    .map((value) => value.slice(0, 10))
    .sort();
  const opensOn = survey.opensOn ?? days[0] ?? mapping.asOf;
  const first: RecordOrigin = { file: table.file, row: 0, line: 1 };
  add(
    into,
    'surveys',
    {
      id: survey.id,
      name: survey.name ?? survey.id,
      confidentiality:
        survey.confidentiality ??
        (mapping.fields.respondentId === undefined ? 'anonymous' : 'confidential'),
      opensOn,
    },
    first,
  );
  for (const [id, question] of Object.entries(mapping.questions ?? {})) {
    add(
      into,
      'questions',
      { ...question, id, surveyId: survey.id, text: question.text ?? id },
      first,
    );
  }
  const questionIds = Object.keys(mapping.questions ?? {}).filter(
    (id) => mapping.fields[`answers.${id}`] !== undefined,
  );
  for (const { values, row, line } of table.rows) {
    const origin = { file: table.file, row, line };
    const submittedAt =
      (values.submittedAt as string | undefined) ??
      (opensOn === undefined ? undefined : `${opensOn}T00:00:00Z`);
    if (submittedAt === undefined) {
      issues.push({
        row,
        line,
        file: table.file,
        collection: 'responses',
        path: 'submittedAt',
        code: 'invalid_type',
        message: `${table.file} row ${row} (line ${line}), submittedAt: missing, and the mapping gives no survey.opensOn nor asOf`,
      });
      continue;
    }
    add(
      into,
      'responses',
      {
        id: (values.id as string | undefined) ?? `${survey.id}-row-${row}`,
        surveyId: survey.id,
        ...(values.respondentId === undefined ? {} : { respondentId: values.respondentId }),
        submittedAt,
        answers: Object.fromEntries(
          questionIds.map((id) => [id, (values[`answers.${id}`] as unknown) ?? null]),
        ),
      },
      origin,
    );
  }
}

/** Rewrites a dataset issue's row (its place among the records given) as its file row and line. */
function toFileRow(issue: ValidationIssue, collections: Collections): LoadIssue {
  const part =
    issue.collection === undefined
      ? undefined
      : collections.get(issue.collection as DatasetCollection);
  const origin = part?.origins[issue.row - 1];
  if (part === undefined || origin === undefined || issue.row === 0) return issue;
  const at = (row: number) => {
    const other = part.origins[row - 1];
    return other === undefined ? `row ${row}` : `row ${other.row} (line ${other.line})`;
  };
  const message = issue.message
    .replace(
      new RegExp(`^${issue.collection} row ${issue.row}`),
      `${origin.file} row ${origin.row} (line ${origin.line})`,
    )
    .replace(
      /\b(duplicates|overlaps) row (\d+)/g,
      (_, verb: string, row: string) => `${verb} ${at(Number(row))}`,
    );
  return { ...issue, row: origin.row, line: origin.line, file: origin.file, message };
}

/**
 * Builds a dataset from mapped files and collection files, and validates it as a whole
 * (`validateDataset`): HR files give employees (one per id), spells (one per row), teams (from the
 * `team` column) and reporting lines (from `managerId`, or `managerName` joined to the employees'
 * names); survey files give their survey, questions and responses (answers joined to employees by
 * `respondentId`). Every issue names the file, the row and the line the record came from (not its
 * place among the valid records). Pure.
 *
 * O(records log records).
 *
 * @example
 * const mapping = parseLoadMapping({ kind: 'employees', fields: { id: 'Id', hireDate: 'Start' } });
 * const rows = [{ row: 1, line: 2, values: { id: 'e1', hireDate: '2020-01-01' } }, { row: 3, line: 4, values: { id: 'e1', hireDate: '2019-06-01' } }];
 * const { dataset, issues } = assembleDataset({ tables: [{ file: 'hr.csv', mapping, rows }] });
 * dataset.spells.length // => 1
 * issues[0]?.message // => 'hr.csv row 1 (line 2): spell from 2020-01-01 overlaps row 3 (line 4) (2019-06-01 to open) for e1'
 */
export function assembleDataset(input: {
  readonly tables?: readonly MappedTable[];
  readonly collections?: readonly CollectionPart[];
}): AssembleDatasetResult {
  const collections: Collections = new Map();
  const issues: LoadIssue[] = [];
  for (const part of input.collections ?? []) {
    part.records.forEach((record, index) => {
      add(collections, part.collection, record, part.origins[index]!);
    });
  }
  const tables = input.tables ?? [];
  addEmployeeTables(
    tables.filter((table) => table.mapping.kind === 'employees'),
    collections,
    issues,
  );
  for (const table of tables)
    if (table.mapping.kind === 'responses') addResponseTable(table, collections, issues);
  const result = validateDataset(
    Object.fromEntries([...collections].map(([name, part]) => [name, part.records])),
  );
  for (const issue of result.issues) issues.push(toFileRow(issue, collections));
  return { dataset: result.dataset, issues };
}
