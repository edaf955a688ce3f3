// The root entry re-exports every module that runs anywhere (browsers, edge runtimes, Node).
// The Node-only modules (`internal-customer/csv`, `internal-customer/tallies`) have their own subpaths.
export * from './core/index.js';
export * from './organisation/index.js';
export * from './privacy/index.js';
export * from './report/index.js';
export * from './retention/index.js';
export * from './satisfaction/index.js';
export * from './schemas/index.js';
export * from './service/index.js';
