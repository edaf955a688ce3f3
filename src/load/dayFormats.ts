import { UTCDate } from '@date-fns/utc';
// One date-fns module each (not the barrel, which loads all of date-fns).
import { addDays } from 'date-fns/addDays';
import { formatISO } from 'date-fns/formatISO';
import { isExists } from 'date-fns/isExists';

/**
 * The ways a mapping file can say a column writes its days: patterns of day (`D`), month (`M`)
 * and year (`YYYY`, or `YY` for two-digit years, read only with an explicit century pivot, see
 * {@link DayReadOptions}) parts, where a single letter allows one or two digits and a double
 * letter requires two, and Excel's serial numbers in its two date systems.
 */
export const DAY_FORMATS = [
  'YYYY-MM-DD',
  'M/D/YYYY',
  'MM/DD/YYYY',
  'D/M/YYYY',
  'DD/MM/YYYY',
  'D.M.YYYY',
  'DD.MM.YYYY',
  'D-M-YYYY',
  'YYYY/MM/DD',
  'M/D/YY',
  'MM/DD/YY',
  'D/M/YY',
  'DD/MM/YY',
  'D.M.YY',
  'DD.MM.YY',
  'D-M-YY',
  'excel-1900',
  'excel-1904',
] as const;

/** A way of writing days (see {@link DAY_FORMATS}). */
export type DayFormat = (typeof DAY_FORMATS)[number];

/** How a pattern's parts are ordered and delimited. */
interface Pattern {
  readonly regex: RegExp;
  readonly order: readonly ('day' | 'month' | 'year')[];
}

const PATTERNS: Readonly<Record<Exclude<DayFormat, 'excel-1900' | 'excel-1904'>, Pattern>> = {
  'YYYY-MM-DD': { regex: /^(\d{4})-(\d{2})-(\d{2})$/, order: ['year', 'month', 'day'] },
  'M/D/YYYY': { regex: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['month', 'day', 'year'] },
  'MM/DD/YYYY': { regex: /^(\d{2})\/(\d{2})\/(\d{4})$/, order: ['month', 'day', 'year'] },
  'D/M/YYYY': { regex: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['day', 'month', 'year'] },
  'DD/MM/YYYY': { regex: /^(\d{2})\/(\d{2})\/(\d{4})$/, order: ['day', 'month', 'year'] },
  'D.M.YYYY': { regex: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['day', 'month', 'year'] },
  'DD.MM.YYYY': { regex: /^(\d{2})\.(\d{2})\.(\d{4})$/, order: ['day', 'month', 'year'] },
  'D-M-YYYY': { regex: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: ['day', 'month', 'year'] },
  'YYYY/MM/DD': { regex: /^(\d{4})\/(\d{2})\/(\d{2})$/, order: ['year', 'month', 'day'] },
  'M/D/YY': { regex: /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/, order: ['month', 'day', 'year'] },
  'MM/DD/YY': { regex: /^(\d{2})\/(\d{2})\/(\d{2})$/, order: ['month', 'day', 'year'] },
  'D/M/YY': { regex: /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/, order: ['day', 'month', 'year'] },
  'DD/MM/YY': { regex: /^(\d{2})\/(\d{2})\/(\d{2})$/, order: ['day', 'month', 'year'] },
  'D.M.YY': { regex: /^(\d{1,2})\.(\d{1,2})\.(\d{2})$/, order: ['day', 'month', 'year'] },
  'DD.MM.YY': { regex: /^(\d{2})\.(\d{2})\.(\d{2})$/, order: ['day', 'month', 'year'] },
  'D-M-YY': { regex: /^(\d{1,2})-(\d{1,2})-(\d{2})$/, order: ['day', 'month', 'year'] },
};

/** Whether a format writes years with two digits (and so needs a century pivot). */
export function isTwoDigitYearFormat(format: DayFormat): boolean {
  return format.endsWith('YY') && !format.endsWith('YYYY');
}

/** How {@link readDay} reads days. */
export interface DayReadOptions {
  /**
   * The century pivot of two-digit years (`YY` formats, required by them): the first year a
   * two-digit year can mean, so that `YY` is read in the hundred years from it. With 1950, `50`
   * to `99` are 1950 to 1999 and `00` to `49` are 2000 to 2049.
   */
  readonly twoDigitYearStart?: number | undefined;
}

/** The year a two-digit year means in the hundred years from `start`. */
function fullYear(twoDigits: number, start: number): number {
  return start + ((twoDigits - (start % 100) + 100) % 100);
}

/** Day, month and a two-digit year: a YYYY format met with a short year (for its message). */
const SHORT_YEAR = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/;

/** A time of day after a date (`5/16/2011 0:00`, `2011-05-16T00:00:00`), dropped. */
const TRAILING_TIME =
  /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)$/;

/** Why a text is not a day in a format: the message of the row issue. */
export class DayProblem {
  constructor(readonly detail: string) {}
}

function isoOf(year: number, month: number, day: number): string {
  return formatISO(new UTCDate(year, month - 1, day), { representation: 'date' });
}

/** Excel's serial number of a day, to a calendar day; 60 (1900-02-29) does not exist. */
function fromSerial(text: string, system: 1900 | 1904): string | DayProblem {
  if (!/^\d+(?:\.\d+)?$/.test(text)) {
    return new DayProblem(`is not an Excel serial day number (${system} date system)`);
  }
  const serial = Math.floor(Number(text));
  if (system === 1904) {
    return formatISO(addDays(new UTCDate(1904, 0, 1), serial), { representation: 'date' });
  }
  if (serial < 1) return new DayProblem('is before day 1 of the Excel 1900 date system');
  if (serial === 60) {
    return new DayProblem(
      'is Excel serial 60, the fictitious 1900-02-29 of the 1900 date system (no such day)',
    );
  }
  // Serials 1 to 59 count from 1900-01-01 = 1; from 61 on, Excel counts the missing day too.
  const base = serial < 60 ? new UTCDate(1899, 11, 31) : new UTCDate(1899, 11, 30);
  return formatISO(addDays(base, serial), { representation: 'date' });
}

/**
 * Reads a day written in one of the {@link DAY_FORMATS} as `YYYY-MM-DD`, or says why it cannot:
 * the parts must be a day that exists (`2/30/2024` does not), in the order the format gives; a
 * time of day after the date (`5/16/2011 0:00`) is dropped. Excel serials: in the 1900 system day
 * 1 is 1900-01-01 and 60 is Excel's fictitious 1900-02-29, refused; in the 1904 system day 0 is
 * 1904-01-01. A fraction (the time of day) is dropped. Two-digit years are never guessed: a `YY`
 * format reads them in the hundred years from `twoDigitYearStart` (required), and a `YYYY` format
 * met with `03/04/21` says that its year has two digits. Calendar parts come from date-fns on UTC.
 *
 * @example
 * readDay('7/4/2011', 'M/D/YYYY') // => '2011-07-04'
 * readDay('04.07.2011', 'D.M.YYYY') // => '2011-07-04'
 * readDay('5/16/2011 0:00', 'M/D/YYYY') // => '2011-05-16'
 * readDay('61', 'excel-1900') // => '1900-03-01'
 * readDay('0', 'excel-1904') // => '1904-01-01'
 * const serial60 = readDay('60', 'excel-1900');
 * serial60 instanceof DayProblem && serial60.detail // => 'is Excel serial 60, the fictitious 1900-02-29 of the 1900 date system (no such day)'
 * const month13 = readDay('13/4/2011', 'M/D/YYYY');
 * month13 instanceof DayProblem && month13.detail // => 'is not a day written as M/D/YYYY'
 * readDay('03/04/21', 'M/D/YY', { twoDigitYearStart: 1950 }) // => '2021-03-04'
 * readDay('03/04/50', 'M/D/YY', { twoDigitYearStart: 1950 }) // => '1950-03-04'
 * const short = readDay('03/04/21', 'M/D/YYYY');
 * short instanceof DayProblem && short.detail // => 'is not a day written as M/D/YYYY: its year has two digits, which are never guessed (declare "date": "M/D/YY" with a century pivot, "twoDigitYearStart": 1950 for example)'
 */
export function readDay(
  text: string,
  format: DayFormat,
  options: DayReadOptions = {},
): string | DayProblem {
  if (format === 'excel-1900') return fromSerial(text, 1900);
  if (format === 'excel-1904') return fromSerial(text, 1904);
  const pattern = PATTERNS[format];
  const twoDigits = isTwoDigitYearFormat(format);
  const start = options.twoDigitYearStart;
  if (twoDigits && (start === undefined || !Number.isInteger(start))) {
    return new DayProblem(
      `cannot be read as ${format} without a century pivot ("twoDigitYearStart": the first year a two-digit year can mean, such as 1950)`,
    );
  }
  const clean = text.replace(TRAILING_TIME, '');
  const match = pattern.regex.exec(clean);
  if (match !== null) {
    const parts = { day: 0, month: 0, year: 0 };
    pattern.order.forEach((part, index) => {
      parts[part] = Number(match[index + 1]);
    });
    if (twoDigits) parts.year = fullYear(parts.year, start!);
    if (isExists(parts.year, parts.month - 1, parts.day)) {
      return isoOf(parts.year, parts.month, parts.day);
    }
  }
  if (!twoDigits && format.endsWith('YYYY') && SHORT_YEAR.test(clean)) {
    return new DayProblem(
      `is not a day written as ${format}: its year has two digits, which are never guessed (declare "date": "${format.slice(0, -2)}" with a century pivot, "twoDigitYearStart": 1950 for example)`,
    );
  }
  return new DayProblem(`is not a day written as ${format}`);
}

/**
 * The formats among {@link DAY_FORMATS} (Excel serials and two-digit years aside) that read every one of the texts;
 * several when the texts cannot tell (`3/4/2020` is March or April). For a starter mapping.
 *
 * @example
 * dayFormatsOf(['7/4/2011', '12/31/2012']) // => ['M/D/YYYY']
 * dayFormatsOf(['03/04/2020']) // => ['M/D/YYYY', 'MM/DD/YYYY', 'D/M/YYYY', 'DD/MM/YYYY']
 * dayFormatsOf(['banana']) // => []
 */
export function dayFormatsOf(texts: readonly string[]): DayFormat[] {
  if (texts.length === 0) return [];
  return DAY_FORMATS.filter(
    (format) =>
      format !== 'excel-1900' &&
      format !== 'excel-1904' &&
      !isTwoDigitYearFormat(format) &&
      texts.every((text) => typeof readDay(text, format) === 'string'),
  );
}
