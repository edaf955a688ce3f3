import { defineConfig } from 'vitest/config';

// Every test runs with TZ=UTC; the date-sensitive ones (all unit tests beside the code) run again
// with TZ=Pacific/Auckland (UTC+12/+13, with daylight saving) to prove that no result depends on
// the machine's time zone (DESIGN.md, Dates).
/** The tests of `npm run test:integration`, out of `npm test`. */
const INTEGRATION = [
  'tests/package.test.ts',
  'tests/size.test.ts',
  'tests/examples.test.ts',
  'tests/report-browser.test.ts',
];

export default defineConfig({
  test: {
    // A guard against hangs, not a speed goal (speed goals live in `npm run bench`): far above any
    // test's running time, so that a run beside another on this 2-core machine still passes (the
    // slowest tests take about 10 s alone and 20-35 s when two runs share the machine).
    testTimeout: 180_000,
    hookTimeout: 240_000,
    pool: 'forks',
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'tests/**/*.test-d.ts'] },
    projects: [
      {
        extends: true,
        test: {
          name: 'utc',
          include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: [
            ...INTEGRATION,
            'tests/examples/**',
            'tests/warehouse/**',
            '**/node_modules/**',
          ],
          env: { TZ: 'UTC' },
        },
      },
      {
        extends: true,
        test: {
          name: 'auckland',
          include: ['src/**/*.test.ts', 'tests/timezone.test.ts'],
          env: { TZ: 'Pacific/Auckland' },
        },
      },
      {
        // The package as it ships, slow and heavy (issue 16 keeps `npm test` under 5 minutes and
        // 1 GiB on this machine): building, packing and installing it, bundle sizes from the
        // build, the doc examples type-checked by the compiler, the report in Chromium.
        // `npm run test:integration` runs this project alone; CI runs it after `npm test`.
        extends: true,
        test: {
          name: 'integration',
          include: [...INTEGRATION],
          typecheck: { enabled: false },
          env: { TZ: 'UTC' },
        },
      },
      {
        // The scripts of examples/ run as a user runs them, against the built package (they import
        // `internal-customer` by name): `npm run test:examples` builds, then runs this project
        // alone. Slow (each script starts its own process), so not in `npm test`; CI runs both.
        extends: true,
        test: {
          name: 'examples',
          include: ['tests/examples/**/*.test.ts'],
          env: { TZ: 'UTC' },
        },
      },
      {
        // The warehouse path on real servers (PostgreSQL 15, a two-shard ClickHouse cluster) and
        // embedded DuckDB: `npm run test:warehouse` starts the servers (.ci/servers/), runs this
        // project alone and stops them. Not in `npm test`, which needs no server; CI runs both.
        extends: true,
        test: {
          name: 'warehouse',
          include: ['tests/warehouse/**/*.test.ts'],
          typecheck: { enabled: false },
          env: { TZ: 'UTC' },
        },
      },
    ],
  },
});
