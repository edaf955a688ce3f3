// internal-customer/duckdb: an optional engine for very large files and warehouse-style
// aggregation. Node only. `@duckdb/node-api` is an optional peer dependency, imported lazily on
// first use, so this subpath loads without it.
export type {
  EnpsGroupTally,
  EnpsTalliesOptions,
  EnpsTalliesResult,
} from '../csv/csvEnpsTallies.js';
export { type DuckDbEnpsTalliesOptions, duckdbEnpsTallies } from './duckdbEnpsTallies.js';
