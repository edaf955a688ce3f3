export type { ValidationIssue, ValidationIssueCode } from '../core/errors.js';
export {
  DATASET_COLLECTIONS,
  type Dataset,
  type DatasetCollection,
  type DatasetInput,
  DatasetSchema,
  type ValidateDatasetOptions,
  type ValidateDatasetResult,
  validateDataset,
} from './dataset.js';
export {
  type Employee,
  EmployeeSchema,
  type EmploymentSpell,
  EmploymentSpellSchema,
  PROTECTED_ATTRIBUTE_NAMES,
  type SeparationKind,
  SeparationKindSchema,
  type WorkerType,
  WorkerTypeSchema,
} from './employee.js';
export {
  type Concern,
  ConcernSchema,
  type ConcernStatus,
  ConcernStatusSchema,
  type FollowUp,
  FollowUpSchema,
  type Idea,
  IdeaSchema,
  type IdeaStatus,
  IdeaStatusSchema,
  type NeedKind,
  NeedKindSchema,
  type Occasion,
  OccasionSchema,
  type OneOnOne,
  OneOnOneSchema,
} from './feedback.js';
export { type JsonSchemaName, toJsonSchema } from './jsonSchema.js';
export {
  type Assignment,
  AssignmentSchema,
  type CareerEvent,
  CareerEventSchema,
  type Leave,
  LeaveKindSchema,
  LeaveSchema,
  type Team,
  TeamSchema,
} from './organisation.js';
export { type ParseRecordsOptions, type ParseRecordsResult, parseRecords } from './parseRecords.js';
export {
  AttributesSchema,
  AttributeValueSchema,
  CalendarDaySchema,
  EnpsScoreSchema,
  IdSchema,
  InstantSchema,
  RESERVED_KEYS,
  SafeKeySchema,
} from './primitives.js';
export {
  type AnswerValue,
  AnswerValueSchema,
  type Confidentiality,
  ConfidentialitySchema,
  type FavourabilityMap,
  FavourabilityMapSchema,
  type Question,
  type QuestionKind,
  QuestionSchema,
  type Survey,
  type SurveyInvitation,
  SurveyInvitationSchema,
  type SurveyResponse,
  SurveyResponseSchema,
  SurveySchema,
} from './survey.js';
export {
  CONFIDENTIALITY_MODES,
  countsInHeadcount,
  HEADCOUNT_WORKER_TYPES,
  SEPARATION_KINDS,
  WORKER_TYPES,
} from './vocabulary.js';
