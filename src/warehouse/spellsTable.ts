/**
 * The columns of an employment spells table, one row per spell (a rehire is a second row of the
 * same person). Defaults in brackets: `personId` [`person_id`]; `teamId` [`team_id`] (any columns
 * can be grouped by); `hiredOn` [`hired_on`]: the first day employed, a DATE; `leftOn`
 * [`left_on`]: the last day employed, a DATE, null while employed; `exitKind` [`exit_kind`]:
 * `voluntary`, `involuntary` or `other`, null while employed; `regretted` [`regretted`]: a
 * boolean, nullable.
 */
export interface SpellsColumns {
  readonly personId: string;
  readonly teamId: string;
  readonly hiredOn: string;
  readonly leftOn: string;
  readonly exitKind: string;
  readonly regretted: string;
}

/** The default names of {@link SpellsColumns}. */
export const DEFAULT_SPELLS_COLUMNS: SpellsColumns = {
  personId: 'person_id',
  teamId: 'team_id',
  hiredOn: 'hired_on',
  leftOn: 'left_on',
  exitKind: 'exit_kind',
  regretted: 'regretted',
};

/** Where the spells are: the table (default `spells`) and its column names. */
export interface SpellsTableOptions {
  /** The table, optionally qualified (`hr.spells`). Default `spells`. */
  readonly table?: string;
  /** Column names that differ from {@link DEFAULT_SPELLS_COLUMNS}. */
  readonly columns?: Partial<SpellsColumns>;
}
