// The command line reads datasets with the library's loader (internal-customer/load): folders of
// collection CSV files, exports with NAME.mapping.json beside them, or a dataset JSON.
export { latestDay } from '../internal/latestDay.js';
export { loadDataset } from '../load/loadDataset.js';
