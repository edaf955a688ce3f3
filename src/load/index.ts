// internal-customer/load: real exports into a dataset, with mapping files. The mapping part
// (parseLoadMapping, mapRows, createRowMapper, assembleDataset, readDay) is pure and runs anywhere;
// reading files (readMappedFile, foldMappedFile, loadDataset, inspectFile) is Node only.
export {
  type AssembleDatasetResult,
  assembleDataset,
  type CollectionPart,
  type MappedTable,
  type RecordOrigin,
} from './assembleDataset.js';
export {
  DAY_FORMATS,
  type DayFormat,
  DayProblem,
  type DayReadOptions,
  dayFormatsOf,
  readDay,
} from './dayFormats.js';
export { type FileInspection, inspectFile } from './inspectFile.js';
export { type LoadDatasetOptions, type LoadDatasetResult, loadDataset } from './loadDataset.js';
export {
  FieldMappingSchema,
  type FieldRule,
  FieldRuleSchema,
  type LoadMapping,
  type LoadMappingInput,
  LoadMappingSchema,
} from './mappingSchema.js';
export {
  createRowMapper,
  type LoadIssue,
  type MappedRow,
  type MapRowsResult,
  mapRows,
  type RowMapper,
  type SourceRow,
} from './mapRows.js';
export { loadMappingJsonSchema, MAPPED_FIELDS, parseLoadMapping } from './parseLoadMapping.js';
export {
  type FoldMappedFileResult,
  foldMappedFile,
  type ReadMappedFileOptions,
  readMappedFile,
} from './readMappedFile.js';
export { type StarterMapping, starterMapping } from './starterMapping.js';
