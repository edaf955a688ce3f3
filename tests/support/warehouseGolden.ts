/** One representative query per aggregate, the same in every dialect, for the golden files. */
import { enpsSql } from '../../src/warehouse/enpsSql.js';
import { favourabilitySql } from '../../src/warehouse/favourabilitySql.js';
import { hireCohortsSql } from '../../src/warehouse/hireCohortsSql.js';
import { responseCountsSql } from '../../src/warehouse/responseCountsSql.js';
import { survivalSql } from '../../src/warehouse/survivalSql.js';
import { turnoverSql } from '../../src/warehouse/turnoverSql.js';
import type { WarehouseDialect, WarehouseQuery } from '../../src/warehouse/types.js';

const period = { start: '2025-01-01', end: '2026-01-01' };

export const WAREHOUSE_GOLDEN_CASES: Readonly<
  Record<string, (dialect: WarehouseDialect) => WarehouseQuery>
> = {
  enps: (dialect) =>
    enpsSql({
      dialect,
      questionId: 'q-enps',
      surveyId: 'pulse-2025',
      groupBy: ['team_id'],
      per: 'quarter',
      period,
    }),
  favourability: (dialect) =>
    favourabilitySql({
      dialect,
      questionId: 'q-likert',
      points: 5,
      groupBy: ['team_id', 'location'],
      per: 'month',
      period,
    }),
  responses: (dialect) =>
    responseCountsSql({
      dialect,
      surveyId: 'pulse-2025',
      groupBy: ['team_id'],
      per: 'year',
      period,
    }),
  survival: (dialect) =>
    survivalSql({ dialect, asOf: '2025-12-31', recordsStart: '2022-01-01', groupBy: ['team_id'] }),
  turnover: (dialect) => turnoverSql({ dialect, period, groupBy: ['team_id'] }),
  hireCohorts: (dialect) =>
    hireCohortsSql({
      dialect,
      asOf: '2025-12-31',
      cohort: 'quarter',
      horizons: [3, 12],
      recordsStart: '2022-01-01',
      groupBy: ['team_id'],
    }),
};
