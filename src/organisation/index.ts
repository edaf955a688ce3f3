export {
  type BreakdownSegment,
  type BreakdownTally,
  breakdownTally,
  type ReleaseBreakdownOptions,
  type ReleaseCellOptions,
  releaseBreakdown,
  releaseCell,
  type SuppressBreakdownOptions,
  type SuppressCellOptions,
  suppressBreakdown,
  suppressCell,
} from './breakdown.js';
export {
  type ExitIncidenceByGroupOptions,
  type ExitIncidenceSegment,
  exitIncidenceByGroup,
} from './exitIncidenceByGroup.js';
export {
  type CohortSection,
  type EnpsSection,
  type HeatmapSection,
  type OrganisationReport,
  type OrganisationReportOptions,
  type OrganisationSection,
  organisationReport,
  type ReportItem,
  type ReportSurvey,
  type ReportTeam,
  type ScorecardSection,
  type SurvivalByDepartmentSection,
  type SurvivalSection,
  type TrendSection,
  type TurnoverSection,
} from './organisationReport.js';
export {
  type SurvivalByGroupOptions,
  type SurvivalSegment,
  survivalByGroup,
} from './survivalByGroup.js';
