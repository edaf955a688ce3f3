export type { VerifyLedgerOptions } from './ledgerAttack.js';
export {
  type CommentOptions,
  DEFAULT_MIN_COMMENT_GROUP_SIZE,
  DEFAULT_MIN_GROUP_SIZE,
  effectiveMinCommentGroupSize,
  effectiveMinGroupSize,
  LOWEST_MIN_GROUP_SIZE,
  type MinGroupSizeOptions,
  reportComments,
  resolveMinGroupSize,
  type SurveyThreshold,
  suppressSmallGroup,
} from './minGroupSize.js';
export {
  checkLedger,
  emptyLedger,
  type LedgerCell,
  type LedgerEntry,
  type LedgerPopulation,
  type LedgerRefusal,
  type LedgerTableOptions,
  type LedgerTableRelease,
  ledgerRefusals,
  ledgerWarning,
  populationDifference,
  type ReleaseLedger,
  recordReleased,
  suppressTableWithLedger,
  unionOf,
} from './releaseLedger.js';
export { isShown, mapReportable, type Reportable, SUPPRESSED, shown } from './reportable.js';
export {
  type CommentAuditEntry,
  type CommentGroup,
  type CommentRefusal,
  type CommentRelease,
  type CountedCommentGroup,
  type KeyedCommentGroup,
  type ReportCommentsForOptions,
  reportCommentsFor,
} from './reportCommentsFor.js';
export { suppressionFootnote, suppressionReasons } from './suppressionFootnote.js';
export {
  type PublishedCell,
  type PublishedReport,
  type SuppressionReason,
  type SuppressTableOptions,
  suppressTable,
} from './suppressTable.js';
export {
  type CellStatistics,
  directCellId,
  type Table,
  type TableCell,
  type TableEquation,
  type TeamNode,
  teamBreakdownTable,
  teamCellId,
  teamTreeTable,
  twoWayTable,
} from './table.js';
export { type CellValues, toReportables } from './toReportables.js';
export {
  type DisclosureCheck,
  type DisclosureFinding,
  type DisclosureKind,
  type VerifyNoDisclosureOptions,
  verifyNoDisclosure,
  verifyReports,
} from './verifyNoDisclosure.js';
