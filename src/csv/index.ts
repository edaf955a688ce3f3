// internal-customer/csv: streaming CSV reading into validated records, and safe CSV writing.
// Node only (it reads files with node:fs and parses with csv-parse).
export { type CollectCsvResult, collectCsv } from './collectCsv.js';
export {
  createRowStage,
  type RowStage,
  type RowStageColumn,
  type RowStageOptions,
} from './createRowStage.js';
// Deprecated: moved to internal-customer/tallies; removed in the next minor version.
export {
  csvEnpsTallies,
  type EnpsGroupTally,
  type EnpsPeriod,
  type EnpsTalliesOptions,
  type EnpsTalliesResult,
} from './csvEnpsTallies.js';
export { type CsvLinesOptions, csvLines } from './csvLines.js';
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
  readCsvBatches,
} from './readCsv.js';
export { readCsvFile } from './readCsvFile.js';
export { type ToCsvOptions, toCsv } from './toCsv.js';
