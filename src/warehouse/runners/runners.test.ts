import { describe, expect, it } from 'vitest';
import { isInternalCustomerError } from '../../core/errors.js';
import { duckdbRunner } from './duckdb.js';
import { optionalPeer } from './optionalPeer.js';

// The servers' runners (PostgreSQL, ClickHouse) are tested against real servers in the
// `warehouse` project (npm run test:warehouse); embedded DuckDB needs none.
describe('duckdbRunner', () => {
  it('runs a query with ? parameters and returns rows keyed by column', async () => {
    const runner = await duckdbRunner();
    try {
      const rows = await runner.query({
        dialect: 'duckdb',
        sql: 'SELECT 40 + ? AS answer, ? AS team',
        params: [2, 't01'],
      });
      expect(rows).toEqual([{ answer: 42, team: 't01' }]);
    } finally {
      await runner.close();
    }
  });

  it('returns 64-bit and 128-bit integers as exact decimal strings', async () => {
    const runner = await duckdbRunner();
    try {
      const [row] = await runner.query({
        dialect: 'duckdb',
        sql: 'SELECT count(*) AS n, sum(x) AS total FROM (VALUES (9007199254740993::BIGINT), (1::BIGINT)) t(x)',
        params: [],
      });
      expect(row).toEqual({ n: '2', total: '9007199254740994' });
    } finally {
      await runner.close();
    }
  });

  it('cuts timestamps in UTC and returns them as text', async () => {
    const runner = await duckdbRunner();
    try {
      const [row] = await runner.query({
        dialect: 'duckdb',
        sql: "SELECT TIMESTAMP '2025-03-31 23:59:59' AS at, current_setting('TimeZone') AS zone",
        params: [],
      });
      expect(row).toEqual({ at: '2025-03-31 23:59:59', zone: 'UTC' });
    } finally {
      await runner.close();
    }
  });

  it('refuses a query of another dialect', async () => {
    const runner = await duckdbRunner();
    try {
      await expect(
        runner.query({ dialect: 'postgres', sql: 'SELECT 1', params: [] }),
      ).rejects.toSatisfy((error) => isInternalCustomerError(error, 'INVALID_INPUT'));
    } finally {
      await runner.close();
    }
  });
});

describe('optionalPeer', () => {
  it('names the missing package and how to install it', async () => {
    const missing = optionalPeer(
      () => Promise.reject(new Error("Cannot find package 'pg'")),
      'postgresRunner',
      'pg',
    );
    await expect(missing).rejects.toSatisfy((error) =>
      isInternalCustomerError(error, 'INVALID_OPTION'),
    );
    await expect(missing).rejects.toThrow(
      "postgresRunner requires the optional peer dependency pg (npm install pg): Cannot find package 'pg'",
    );
  });
});
