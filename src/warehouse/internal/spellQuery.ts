import { isCalendarDay } from '../../core/calendarDay.js';
import { InternalCustomerError } from '../../core/errors.js';
import {
  DEFAULT_SPELLS_COLUMNS,
  type SpellsColumns,
  type SpellsTableOptions,
} from '../spellsTable.js';
import type { WarehouseDialect } from '../types.js';
import { checkedDialect, type SqlWriter, sqlWriter } from './sqlWriter.js';

/**
 * The checked `asOf` and optional `recordsStart` (on or before it) of a spells query.
 *
 * @throws {InternalCustomerError} `INVALID_DATE` naming the function. @internal
 */
export function checkedAsOfWindow(
  asOf: unknown,
  recordsStart: unknown,
  functionName: string,
): { asOf: string; recordsStart: string | undefined } {
  if (
    !isCalendarDay(asOf) ||
    (recordsStart !== undefined && (!isCalendarDay(recordsStart) || recordsStart > asOf))
  ) {
    throw new InternalCustomerError(
      'INVALID_DATE',
      `${functionName} requires asOf (and recordsStart, on or before it) as calendar days YYYY-MM-DD, got ${JSON.stringify([asOf, recordsStart])}`,
    );
  }
  return { asOf, recordsStart: recordsStart as string | undefined };
}

/** A writer, the quoted table and the quoted columns of a spells query. @internal */
export function spellQuery(
  options: SpellsTableOptions & { readonly dialect: WarehouseDialect },
  functionName: string,
): { writer: SqlWriter; table: string; columns: SpellsColumns } {
  const writer = sqlWriter(checkedDialect(options.dialect, functionName));
  const named = { ...DEFAULT_SPELLS_COLUMNS, ...options.columns };
  const columns = Object.fromEntries(
    Object.entries(named).map(([field, name]) => [field, writer.column(name)]),
  ) as unknown as SpellsColumns;
  return { writer, table: options.table ?? 'spells', columns };
}
