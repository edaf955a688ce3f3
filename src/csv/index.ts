// internal-customer/csv: streaming CSV reading into validated records, and safe CSV writing.
// Node only (it reads files with node:fs and parses with csv-parse).
export { type CollectCsvResult, collectCsv } from './collectCsv.js';
export {
  csvEnpsTallies,
  type EnpsGroupTally,
  type EnpsTalliesOptions,
  type EnpsTalliesResult,
} from './csvEnpsTallies.js';
export { type CsvLinesOptions, csvLines } from './csvLines.js';
export type { EnpsPeriod } from './internal/enpsAggregation.js';
export { loadCsvMapping } from './loadCsvMapping.js';
export {
  type CsvMapping,
  type CsvMappingFile,
  CsvMappingFileSchema,
  parseCsvMapping,
} from './parseCsvMapping.js';
export {
  type CsvDelimiter,
  type CsvEncoding,
  type CsvIssueItem,
  type CsvItem,
  type CsvRecordItem,
  type CsvSource,
  type ReadCsvOptions,
  readCsv,
} from './readCsv.js';
export { readCsvFile } from './readCsvFile.js';
export { type ToCsvOptions, toCsv } from './toCsv.js';
