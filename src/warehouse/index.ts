// internal-customer/warehouse: SQL that counts where the data lives (DuckDB, PostgreSQL,
// ClickHouse, BigQuery, Snowflake, Spark SQL), readers that merge the rows exactly into the
// library's tallies, and publishing through the privacy gate. Runs anywhere: no node: imports.
export {
  type AnswersColumns,
  type AnswersTableOptions,
  DEFAULT_ANSWERS_COLUMNS,
} from './answersTable.js';
export { clickhouseLiteral } from './clickhouseLiteral.js';
export { type EnpsSqlOptions, enpsSql, type WarehouseGrouping } from './enpsSql.js';
export {
  type EnpsTalliesFromRowsOptions,
  enpsTalliesFromRows,
  type WarehouseEnpsGroup,
  type WarehouseEnpsTallies,
} from './enpsTalliesFromRows.js';
export {
  type FavourabilityCountsFromRowsOptions,
  favourabilityCountsFromRows,
  type WarehouseFavourabilityCounts,
  type WarehouseFavourabilityGroup,
} from './favourabilityCountsFromRows.js';
export { type FavourabilitySqlOptions, favourabilitySql } from './favourabilitySql.js';
export {
  type HireCohortsFromRowsOptions,
  hireCohortsFromRows,
  type WarehouseHireCohortsGroup,
} from './hireCohortsFromRows.js';
export {
  type HireCohortsGrouping,
  type HireCohortsSqlOptions,
  hireCohortsSql,
} from './hireCohortsSql.js';
export type { PublishedWarehouseCell } from './internal/publishGroups.js';
export type { WarehousePeriodUnit } from './internal/sqlWriter.js';
export { parseWarehouseCount } from './parseWarehouseCount.js';
export {
  type PublishedWarehouseEnps,
  type PublishWarehouseEnpsOptions,
  publishWarehouseEnps,
} from './publishWarehouseEnps.js';
export {
  type PublishWarehouseFavourabilityOptions,
  publishWarehouseFavourability,
} from './publishWarehouseFavourability.js';
export {
  type PublishedWarehouseHireCohorts,
  publishWarehouseHireCohorts,
} from './publishWarehouseHireCohorts.js';
export {
  type PublishWarehouseResponsesOptions,
  publishWarehouseResponses,
} from './publishWarehouseResponses.js';
export {
  type PublishWarehouseSurvivalOptions,
  publishWarehouseSurvival,
} from './publishWarehouseSurvival.js';
export {
  type PublishWarehouseTurnoverOptions,
  publishWarehouseTurnover,
} from './publishWarehouseTurnover.js';
export { quoteIdentifier, quoteTableName } from './quoteIdentifier.js';
export {
  DEFAULT_INVITATIONS_COLUMNS,
  type InvitationsColumns,
  type ResponseCountsSqlOptions,
  responseCountsFromRows,
  responseCountsSql,
  type WarehouseResponseGroup,
} from './responseCountsSql.js';
export {
  DEFAULT_SPELLS_COLUMNS,
  type SpellsColumns,
  type SpellsTableOptions,
} from './spellsTable.js';
export {
  mergeWarehouseSurvival,
  survivalCountsFromRows,
  type WarehouseSurvivalGroup,
} from './survivalCountsFromRows.js';
export { type SurvivalSqlOptions, survivalSql } from './survivalSql.js';
export {
  mergeWarehouseTurnover,
  type TurnoverCountsFromRowsOptions,
  turnoverCountsFromRows,
  type WarehouseTurnoverCounts,
  type WarehouseTurnoverGroup,
  type WarehouseTurnoverOptions,
  warehouseTurnover,
} from './turnoverCountsFromRows.js';
export { type TurnoverSqlOptions, turnoverSql } from './turnoverSql.js';
export {
  WAREHOUSE_DIALECTS,
  type WarehouseDialect,
  type WarehouseQuery,
  type WarehouseRow,
  type WarehouseRunner,
  type WarehouseValue,
} from './types.js';
