/**
 * examples/warehouse-scale.ts on the ClickHouse cluster started by `npm run test:warehouse`: each
 * shard generates its share of the answers with INSERT ... SELECT FROM numbers(...), the tallies
 * come back through the Distributed table, and the analysis (intervals, trend tests, suppression)
 * runs here. A small size, for speed; the script's default is 100 million answers. The script
 * imports the package by name, so this runs against the built dist/ (npm ci builds it).
 */
import { createClient } from '@clickhouse/client';
import { describe, expect, it } from 'vitest';
import { CLICKHOUSE_DATABASE, clickhouseTallies, main } from '../../examples/warehouse-scale.js';

const ROWS = 200_000;

describe('examples/warehouse-scale.ts --engine clickhouse', () => {
  it('generates the answers on both shards, counts them there and analyses the tallies here', async () => {
    const text = await main(['--engine', 'clickhouse', '--rows', String(ROWS)]);
    expect(text).toContain(`Generated ${ROWS.toLocaleString('en')} answers on 2 shards`);
    expect(text).toContain('verifyNoDisclosure: ok');
    expect(text).toContain("toQuarter(submitted_at, 'UTC')");

    const urls = process.env.IC_CLICKHOUSE_HTTP!.split(',');
    const shards = urls.map((url) => createClient({ url }));
    try {
      // Both shards hold a share; every answer is counted once, skipped ones apart.
      for (const shard of shards) {
        const result = await shard.query({
          query: `SELECT count() AS n FROM ${CLICKHOUSE_DATABASE}.answers_local`,
          format: 'JSON',
        });
        const [row] = (await result.json<{ n: string }>()).data;
        expect(BigInt(row!.n)).toBe(BigInt(ROWS / 2));
      }
      const tallies = await clickhouseTallies(shards[1]!);
      let answered = 0;
      for (const quarters of tallies.byTeam.values())
        for (const tally of quarters.values()) answered += tally.n;
      expect(answered + tallies.skipped).toBe(ROWS);
    } finally {
      await Promise.all(shards.map((shard) => shard.close()));
    }
  });
});
