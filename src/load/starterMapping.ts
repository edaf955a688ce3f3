import { PROTECTED_ATTRIBUTE_NAMES } from '../schemas/employee.js';
import { dayFormatsOf } from './dayFormats.js';

/** What {@link starterMapping} writes: a mapping to edit, with every guess listed to confirm. */
export interface StarterMapping {
  /** The mapping as JSON-ready data; its `toConfirm` lists each guess. */
  readonly mapping: Record<string, unknown>;
}

const MISSING_TEXTS = [
  'N/A',
  'NA',
  'n/a',
  'null',
  'NULL',
  '-',
  '12/12/2999',
  '0000-00-00',
  '9999-12-31',
];

const PATTERNS: readonly [field: string, header: RegExp][] = [
  ['managerId', /^(manager|supervisor|reports ?to)[ _]?(id|number|no)$/i],
  ['managerName', /manager|supervisor|reports ?to/i],
  ['id', /^(emp(loyee)?[ _]?(id|number|no|num|#)?|id|person[ _]?id|staff[ _]?(id|number))$/i],
  ['name', /name/i],
  ['submittedAt', /submit|responded|completed|response[ _]?date/i],
  ['hireDate', /hire|start|joined|doh/i],
  [
    'terminationDate',
    /term(ination)?[ _]?date|end[ _]?date|leav(e|ing)[ _]?date|exit|separation[ _]?date|dateofterm/i,
  ],
  ['separationKind', /reason|separation|term(ination)?[ _]?(type|kind)/i],
  ['left', /attrition|^left$|terminated|^status$|employment[ _]?status/i],
  ['tenure', /years[ _]?at[ _]?company|tenure|length[ _]?of[ _]?service|years[ _]?of[ _]?service/i],
  ['team', /department|^dept$|division|^team$/i],
];

const camel = (header: string) =>
  header
    .trim()
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase())
    .replace(/^./, (first) => first.toLowerCase()) || 'column';

function distinct(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
}

/** A separation kind for a reason or status text, by its words (to confirm). */
function kindOf(text: string): string | null {
  if (/still|active|n\/a|^$/i.test(text)) return null;
  if (/involunt|cause|dismiss|fired|layoff|laid off|redundan|terminated by/i.test(text))
    return 'involuntary';
  if (/volunt|resign|quit|retire|career|better|relocat|more money|personal/i.test(text))
    return 'voluntary';
  return 'other';
}

function leftOf(text: string): boolean | undefined {
  if (/^(yes|y|true|1|left|terminated|inactive)$/i.test(text) || /terminat|left|resign/i.test(text))
    return true;
  if (/^(no|n|false|0|active|current|employed)$/i.test(text) || /active|still/i.test(text))
    return false;
  return undefined;
}

/** The formats that fit, without a strict two-digit one whose lenient twin fits too. */
function lenient(formats: readonly string[]): string[] {
  const twins: Record<string, string> = {
    'MM/DD/YYYY': 'M/D/YYYY',
    'DD/MM/YYYY': 'D/M/YYYY',
    'DD.MM.YYYY': 'D.M.YYYY',
  };
  return formats.filter((format) => !formats.includes(twins[format] ?? ''));
}

const isNumber = (text: string) => /^-?\d+(?:[.,]\d+)?$/.test(text);

/** What the column guesses share. */
interface GuessState {
  readonly header: readonly string[];
  readonly columnValues: readonly (readonly string[])[];
  readonly present: (values: readonly string[]) => string[];
  readonly fields: Record<string, unknown>;
  readonly used: Set<number>;
  readonly take: (field: string, index: number, rule: unknown, note: string) => void;
  readonly scales: { index: number; max: number; min: number }[];
}

/** Guesses the field of each column from its header's words and its values. */
function guessColumns(state: GuessState): void {
  const { header, columnValues, present, fields, used, take, scales } = state;
  header.forEach((name, index) => {
    const values = present(columnValues[index]!);
    const numbers = values.every(isNumber) && values.length > 0;
    for (const [field, pattern] of PATTERNS) {
      if (!pattern.test(name) || fields[field] !== undefined) continue;
      if (field === 'hireDate' || field === 'terminationDate' || field === 'submittedAt') {
        const formats = lenient(dayFormatsOf(values));
        const serial =
          numbers && values.every((value) => Number(value) > 10_000 && Number(value) < 80_000);
        const date = serial ? 'excel-1900' : formats[0];
        if (date === undefined) continue;
        take(
          field,
          index,
          { column: name, date },
          formats.length > 1
            ? `column "${name}", days in ${formats.join(' or ')}: the values cannot tell, pick one`
            : `column "${name}", days written ${date}${serial ? ' (Excel serials; excel-1904 for Mac files of before 2011)' : ''}`,
        );
        return;
      }
      if (field === 'left' || field === 'separationKind') {
        const words = distinct(columnValues[index]!);
        if (words.length < 2 || words.length > 12) continue;
        if (field === 'left') {
          const map = Object.fromEntries(words.map((word) => [word, leftOf(word) ?? null]));
          take(
            'left',
            index,
            { column: name, values: map },
            `column "${name}": who left (true) and who stays (false); null is missing`,
          );
        }
        const kinds = Object.fromEntries(
          words.map((word) => [word, leftOf(word) === false ? null : kindOf(word)]),
        );
        if (
          Object.values(kinds).some((kind) => kind === 'voluntary' || kind === 'involuntary') &&
          fields.separationKind === undefined
        )
          take(
            'separationKind',
            index,
            { column: name, values: kinds },
            `column "${name}": each word's separation kind (voluntary, involuntary, other; null for people still employed)`,
          );
        return;
      }
      if (field === 'tenure') {
        if (!numbers) continue;
        const unit = /month/i.test(name) ? 'months' : 'years';
        take(
          'tenure',
          index,
          { column: name, unit },
          `column "${name}": tenure in ${unit}; set "asOf" to the day the file describes`,
        );
        return;
      }
      if (field === 'team') {
        take('team', index, name, `column "${name}": one team per value`);
        fields[`attributes.${camel(name)}`] = name;
        return;
      }
      take(field, index, name, `column "${name}"`);
      return;
    }
    if (used.has(index)) return;
    if (numbers) {
      const all = values.map(Number);
      scales.push({ index, min: Math.min(...all), max: Math.max(...all) });
    }
    const words = distinct(columnValues[index]!);
    const key = camel(name);
    const isProtected = PROTECTED_ATTRIBUTE_NAMES.some(
      (item) => item.toLowerCase() === key.toLowerCase(),
    );
    if (/^(gender|sex)$/i.test(key) && words.every((word) => /^[MF]$/i.test(word))) {
      take(
        `protectedAttributes.${key}`,
        index,
        {
          column: name,
          values: Object.fromEntries(
            words.map((word) => [word, /^m$/i.test(word) ? 'male' : 'female']),
          ),
        },
        `column "${name}": its values`,
      );
    } else if (isProtected) {
      take(
        `protectedAttributes.${key}`,
        index,
        name,
        `column "${name}": a protected characteristic, never used unless asked`,
      );
    } else if (!numbers && words.length > 1 && words.length <= 30) {
      take(`attributes.${key}`, index, name, `column "${name}": a grouping attribute`);
    }
  });
}

/** The survey, its questions (from the answer columns' scales) and the respondent of a survey file. */
function addSurvey(state: {
  readonly mapping: Record<string, unknown>;
  readonly fields: Record<string, unknown>;
  readonly confirm: string[];
  readonly scales: readonly { index: number; max: number; min: number }[];
  readonly header: readonly string[];
  readonly file: string | undefined;
}): void {
  const { mapping, fields, confirm, scales, header } = state;
  delete fields.left;
  delete fields.tenure;
  if (fields.id !== undefined) {
    fields.respondentId = fields.id;
    delete fields.id;
    const at = confirm.findIndex((line) => line.startsWith('fields.id:'));
    confirm[at] =
      `fields.respondentId: ${confirm[at]!.slice('fields.id: '.length)}, joins answers to employees`;
  }
  const questions: Record<string, unknown> = {};
  for (const { index, min, max } of scales) {
    const id = camel(header[index]!);
    const enps = min >= 0 && max <= 10 && max > 7;
    questions[id] = enps ? { kind: 'enps' } : { kind: 'likert', points: Math.max(2, max) };
    fields[`answers.${id}`] = header[index];
    confirm.push(
      `questions.${id}: column "${header[index]}" looks like ${enps ? 'an eNPS question (0-10)' : `a 1-${max} item`}`,
    );
  }
  const stem = (state.file ?? 'survey').replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  mapping.survey = {
    id: camel(stem),
    name: stem,
    confidentiality: fields.respondentId === undefined ? 'anonymous' : 'confidential',
  };
  mapping.questions = questions;
  confirm.push('survey: its id, name and confidentiality (anonymous, confidential or identified)');
}

/**
 * Writes a starter mapping for a file from its header and a sample of its rows: the kind of file
 * (`employees` when it has hire dates, a tenure or a leaving flag; `responses` when it has answer
 * columns on 0-10 or 1-N scales), the field each column seems to fill (by its header's words), the
 * day format of date columns (from their values; several formats fitting is said), candidate
 * value maps (yes/no flags, status and reason words to separation kinds, "M "/"F"), the texts
 * that seem to mean missing (`N/A`, `12/12/2999` ...). Every guess is listed in `toConfirm`:
 * `parseLoadMapping` refuses the mapping until that list is emptied, so that nothing guessed is
 * used unread. Pure.
 *
 * O(rows x columns).
 *
 * @example
 * const { mapping } = starterMapping(['EmpID', 'DateofHire', 'Attrition'], [['1', '7/4/2011', 'Yes'], ['2', '12/31/2012', 'No']], { file: 'hr.csv' });
 * mapping.fields // => { id: 'EmpID', hireDate: { column: 'DateofHire', date: 'M/D/YYYY' }, left: { column: 'Attrition', values: { Yes: true, No: false } }, terminationDate: { default: 'YYYY-MM-DD' }, separationKind: { default: 'other' } }
 */
export function starterMapping(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: { readonly file?: string; readonly encoding?: string; readonly delimiter?: string } = {},
): StarterMapping {
  const confirm: string[] = [];
  const columnValues = header.map((_, index) => rows.map((row) => row[index] ?? ''));
  const missing = MISSING_TEXTS.filter((text) =>
    columnValues.some((values) => values.some((value) => value.trim() === text)),
  );
  const present = (values: readonly string[]) =>
    values.map((value) => value.trim()).filter((value) => value !== '' && !missing.includes(value));
  const fields: Record<string, unknown> = {};
  const used = new Set<number>();
  const take = (field: string, index: number, rule: unknown, note: string) => {
    if (fields[field] !== undefined) return;
    fields[field] = rule;
    used.add(index);
    confirm.push(`fields.${field}: ${note}`);
  };
  const scales: { index: number; max: number; min: number }[] = [];
  guessColumns({ header, columnValues, present, fields, used, take, scales });
  const employees = ['hireDate', 'terminationDate', 'left', 'tenure'].some(
    (field) => fields[field] !== undefined,
  );
  const mapping: Record<string, unknown> = {
    $schema: 'node_modules/internal-customer/docs/mapping.schema.json',
    kind: employees ? 'employees' : 'responses',
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
  };
  if (missing.length > 0) {
    mapping.missing = missing;
    confirm.push(
      `missing: ${missing.map((text) => JSON.stringify(text)).join(', ')} seem to mean "missing"`,
    );
  }
  if (employees) {
    delete fields.submittedAt;
    if (fields.tenure !== undefined && fields.hireDate === undefined) mapping.asOf = 'YYYY-MM-DD';
    if (fields.left !== undefined && fields.terminationDate === undefined) {
      fields.terminationDate = { default: 'YYYY-MM-DD' };
      confirm.push(
        "fields.terminationDate: the file has no leaving day; give the day leavers are counted on (the file's day)",
      );
    }
    if (fields.left !== undefined && fields.separationKind === undefined) {
      fields.separationKind = { default: 'other' };
      confirm.push('fields.separationKind: no reason column found; every leaver is "other"');
    }
  } else addSurvey({ mapping, fields, confirm, scales, header, file: options.file });
  const unused = header.filter(
    (_, index) => !used.has(index) && !scales.some((scale) => scale.index === index),
  );
  if (unused.length > 0)
    confirm.push(`not mapped: ${unused.map((name) => JSON.stringify(name)).join(', ')}`);
  mapping.fields = fields;
  mapping.toConfirm = confirm;
  return { mapping };
}
