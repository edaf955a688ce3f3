import { UTCDate } from '@date-fns/utc';
// One date-fns module each (not the barrel, which loads all of date-fns: ~90 ms).
import { format as formatDate } from 'date-fns/format';
import type * as z from 'zod';
import { calendarDayFromFormat } from '../../core/calendarDay.js';
import { InternalCustomerError } from '../../core/errors.js';
import {
  type CsvDelimiter,
  type CsvEncoding,
  checkTextOptions,
} from '../../internal/csvText/textOptions.js';
import type { CsvSource, ReadCsvOptions } from '../readCsv.js';

/** Reading options after checking, with defaults filled in. @internal */
export interface NormalisedReadOptions {
  readonly schema: z.ZodType;
  readonly mapping: Readonly<Record<string, string>> | undefined;
  readonly delimiter: CsvDelimiter | undefined;
  readonly encoding: CsvEncoding | undefined;
  readonly decimalComma: boolean;
  readonly dateFormat: string | undefined;
  readonly strict: boolean;
  readonly restoreFormulas: boolean;
  readonly collection: string | undefined;
  readonly maxRecordChars: number | undefined;
  readonly onProgress: ((rowsRead: number) => void) | undefined;
}

function optionError(caller: string, text: string): InternalCustomerError {
  return new InternalCustomerError('INVALID_OPTION', `${caller} requires ${text}`);
}

function booleanOption(caller: string, name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw optionError(caller, `${name} to be true or false, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Whether a field path is well formed: dot-separated, non-empty segments. @internal */
export function isFieldPath(path: unknown): path is string {
  return typeof path === 'string' && path.length > 0 && path.split('.').every((s) => s !== '');
}

/** Checks a date format by writing 31 December 2024 with it and reading it back. @internal */
export function isDayFormat(format: string): boolean {
  try {
    const text = formatDate(new UTCDate(Date.UTC(2024, 11, 31)), format);
    return calendarDayFromFormat(text, format) === '2024-12-31';
  } catch {
    return false;
  }
}

/**
 * Checks the options of `readCsv` and `readCsvFile`.
 *
 * @throws {InternalCustomerError} `INVALID_OPTION` for any option of the wrong kind. @internal
 */
export function normaliseReadOptions(caller: string, options: unknown): NormalisedReadOptions {
  if (options === null || typeof options !== 'object') {
    throw optionError(caller, 'an options object with a schema');
  }
  const o = options as ReadCsvOptions;
  const schema = o.schema as unknown;
  if (
    schema === null ||
    typeof schema !== 'object' ||
    !('_zod' in schema) ||
    typeof (schema as { safeParse?: unknown }).safeParse !== 'function'
  ) {
    throw optionError(caller, 'options.schema, a zod schema of one record');
  }
  let mapping: Readonly<Record<string, string>> | undefined;
  if (o.mapping !== undefined) {
    if (o.mapping === null || typeof o.mapping !== 'object' || Array.isArray(o.mapping)) {
      throw optionError(caller, 'mapping to be an object from header names to field paths');
    }
    for (const [name, path] of Object.entries(o.mapping)) {
      if (!isFieldPath(path)) {
        throw optionError(
          caller,
          `mapping to give a field path such as "attributes.location" for each header, got ${JSON.stringify(path)} for ${JSON.stringify(name)}`,
        );
      }
    }
    mapping = o.mapping;
  }
  const { delimiter, encoding } = checkTextOptions(caller, o);
  if (
    o.dateFormat !== undefined &&
    (typeof o.dateFormat !== 'string' || !isDayFormat(o.dateFormat))
  ) {
    throw optionError(
      caller,
      `dateFormat to be a date-fns format of a day such as "dd/MM/yyyy", got ${JSON.stringify(o.dateFormat)}`,
    );
  }
  if (o.collection !== undefined && typeof o.collection !== 'string') {
    throw optionError(caller, `collection to be a string, got ${JSON.stringify(o.collection)}`);
  }
  const max = o.maxRecordChars;
  if (max !== undefined && !(Number.isSafeInteger(max) && max >= 1024)) {
    throw optionError(
      caller,
      `maxRecordChars to be a whole number of at least 1024, got ${JSON.stringify(max)}`,
    );
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw optionError(caller, `onProgress to be a function, got ${JSON.stringify(o.onProgress)}`);
  }
  return {
    schema: o.schema,
    mapping,
    delimiter,
    encoding,
    decimalComma: booleanOption(caller, 'decimalComma', o.decimalComma),
    dateFormat: o.dateFormat,
    strict: booleanOption(caller, 'strict', o.strict),
    restoreFormulas: booleanOption(caller, 'restoreFormulas', o.restoreFormulas),
    collection: o.collection,
    maxRecordChars: max,
    onProgress: o.onProgress,
  };
}

/**
 * Turns a source into an iterable of chunks: a string or a byte array is one chunk.
 *
 * @throws {InternalCustomerError} `INVALID_INPUT` when the source is not iterable. @internal
 */
export function chunksOf(
  caller: string,
  source: CsvSource,
): AsyncIterable<unknown> | Iterable<unknown> {
  if (typeof source === 'string' || source instanceof Uint8Array) return [source];
  if (
    source !== null &&
    typeof source === 'object' &&
    (Symbol.asyncIterator in source || Symbol.iterator in source)
  ) {
    return source;
  }
  throw new InternalCustomerError(
    'INVALID_INPUT',
    `${caller} requires a source of text: a string, bytes, or an (async) iterable of byte or string chunks such as a Node Readable, got ${source === null ? 'null' : typeof source}`,
  );
}
