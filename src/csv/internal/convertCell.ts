import { calendarDayFromFormat } from '../../core/calendarDay.js';
import type { FieldKind } from './fieldKind.js';

/** Why a cell could not be read as its field's type. @internal */
export class CellProblem {
  constructor(
    readonly code: 'invalid_number' | 'invalid_boolean' | 'invalid_date' | 'invalid_json',
    readonly detail: string,
  ) {}
}

/** The reading options a cell conversion needs. @internal */
export interface CellOptions {
  readonly decimalComma: boolean;
  readonly dateFormat: string | undefined;
}

const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;
const COMMA_DECIMAL = /^-?\d+(?:,\d+)?$/;

/** A plain decimal (`-3`, `7.5`; `7,5` with a decimal comma) as a number, or `undefined`. */
function plainNumber(text: string, decimalComma: boolean): number | undefined {
  if (decimalComma) {
    return COMMA_DECIMAL.test(text) ? Number(text.replace(',', '.')) : undefined;
  }
  return PLAIN_DECIMAL.test(text) ? Number(text) : undefined;
}

function booleanOf(text: string): boolean | undefined {
  switch (text.toLowerCase()) {
    case 'true':
    case 'yes':
    case '1':
      return true;
    case 'false':
    case 'no':
    case '0':
      return false;
    default:
      return undefined;
  }
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return new CellProblem('invalid_json', `is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Reads one non-empty cell as the value its field expects, following the rules documented on
 * `readCsv`; returns a {@link CellProblem} for text that is not a value of that type. Empty cells
 * never reach here. @internal
 */
export function convertCell(text: string, field: FieldKind, options: CellOptions): unknown {
  switch (field.kind) {
    case 'text':
    case 'unknown':
      return text;
    case 'date': {
      if (options.dateFormat === undefined) return text;
      try {
        return calendarDayFromFormat(text, options.dateFormat);
      } catch {
        return new CellProblem('invalid_date', `is not a day written as ${options.dateFormat}`);
      }
    }
    case 'number': {
      const value = plainNumber(text, options.decimalComma);
      if (value !== undefined) return value;
      return new CellProblem(
        'invalid_number',
        `is not a plain decimal number such as -3 or ${options.decimalComma ? '7,5' : '7.5'}`,
      );
    }
    case 'boolean': {
      const value = booleanOf(text);
      if (value !== undefined) return value;
      return new CellProblem(
        'invalid_boolean',
        'is not a yes/no value (true, false, yes, no, 1 or 0, in any case)',
      );
    }
    case 'list':
      return text.startsWith('[') ? json(text) : text.split('|');
    case 'json':
      return json(text);
    case 'union': {
      const first = text[0];
      if (field.json && (first === '{' || first === '[')) return json(text);
      if (field.number) {
        const value = plainNumber(text, options.decimalComma);
        if (value !== undefined) return value;
      }
      if (field.boolean) {
        const lower = text.toLowerCase();
        if (lower === 'true') return true;
        if (lower === 'false') return false;
      }
      return text;
    }
  }
}
