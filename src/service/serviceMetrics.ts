/** The metrics of the manager scorecard. */
export type ServiceMetricId =
  | 'oneOnOneCoverage'
  | 'oneOnOneMedianGap'
  | 'preferredCadenceAdherence'
  | 'concernTimeToAcknowledge'
  | 'concernTimeToResolve'
  | 'concernsResolvedWithinTarget'
  | 'openConcerns'
  | 'resolutionSatisfaction'
  | 'ideasPerPersonPerQuarter'
  | 'ideaTimeToFirstResponse'
  | 'ideasDecided'
  | 'ideaAdoptionRate'
  | 'needsAddressed'
  | 'needTimeToAddress'
  | 'summariesConfirmed'
  | 'detractorFollowUp'
  | 'teamFollowUp'
  | 'teamEnps'
  | 'retentionRate'
  | 'regrettedTurnover'
  | 'medianTenure'
  | 'occasionsAcknowledged';

/** How a metric is defined, what it mirrors and its default target. */
export interface ServiceMetricDefinition {
  readonly id: ServiceMetricId;
  /** The customer-service practice it mirrors. */
  readonly practice: string;
  readonly definition: string;
  readonly unit: 'share' | 'days' | 'count' | 'score' | 'rate' | 'years';
  /** Whether a higher value is better (`null` when neither, as for adoption). */
  readonly higherIsBetter: boolean | null;
  /** The default target, or `null` where none is defensible. */
  readonly target: number | null;
  /** Where the default target comes from. */
  readonly source: string;
}

/**
 * Every scorecard metric with its definition and default target. Targets are configurable
 * (`targets` option); the sources say where each default comes from, and where no number has a
 * defensible source the target is `null` and the metric is shown without an assessment.
 */
export const SERVICE_METRICS: readonly ServiceMetricDefinition[] = [
  {
    id: 'oneOnOneCoverage',
    practice: 'listen',
    definition:
      'Share of the people reporting on asOf with a one-to-one with their manager in the last coverageDays (default 30) days.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.9,
    source:
      'common practice: a one-to-one at least monthly for everyone (most guides say every 1-2 weeks)',
  },
  {
    id: 'oneOnOneMedianGap',
    practice: 'listen',
    definition:
      'Median number of days between consecutive one-to-ones of the same person with their manager, in the period.',
    unit: 'days',
    higherIsBetter: false,
    target: 14,
    source: 'common practice: one-to-ones at least every 14 days',
  },
  {
    id: 'preferredCadenceAdherence',
    practice: 'on the employee’s terms',
    definition:
      'For people who set a preferred cadence: share of their gaps between one-to-ones (and the open gap up to asOf, once overdue) no longer than their preference.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'the employee’s own preference; 80% leaves room for holidays',
  },
  {
    id: 'concernTimeToAcknowledge',
    practice: 'resolve problems',
    definition:
      'Median days from a concern being raised to its first response (any later status), Kaplan-Meier, with concerns not yet acknowledged censored at asOf; p90 in the detail.',
    unit: 'days',
    higherIsBetter: false,
    target: 2,
    source: 'service-desk practice: acknowledge within two working days',
  },
  {
    id: 'concernTimeToResolve',
    practice: 'resolve problems',
    definition:
      'Median days from raised to resolved or declined, Kaplan-Meier, open concerns censored at asOf; p90 in the detail.',
    unit: 'days',
    higherIsBetter: false,
    target: 30,
    source: 'configurable; 30 days as a default service level',
  },
  {
    id: 'concernsResolvedWithinTarget',
    practice: 'resolve problems',
    definition:
      'Share of concerns raised at least resolveWithinDays (default 30) days before asOf that were resolved within that time.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'service-level practice: 80% within the target time',
  },
  {
    id: 'openConcerns',
    practice: 'resolve problems',
    definition:
      'Concerns still open on asOf; the detail splits them by age (0-7, 8-30, 31-90, over 90 days).',
    unit: 'count',
    higherIsBetter: false,
    target: null,
    source: 'a backlog, read with its ages; no target',
  },
  {
    id: 'resolutionSatisfaction',
    practice: 'right solution',
    definition:
      'Share of resolved concerns in the period whose raiser rated the resolution 4 or 5 of 5 (CSAT); the mean rating in the detail.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'customer-satisfaction (CSAT) practice: 80% satisfied',
  },
  {
    id: 'ideasPerPersonPerQuarter',
    practice: 'seek ideas',
    definition:
      'Ideas raised to the manager in the period, per person reporting (average daily headcount) and per 91.3125 days.',
    unit: 'rate',
    higherIsBetter: true,
    target: null,
    source: 'depends on the work; compare with the organisation median',
  },
  {
    id: 'ideaTimeToFirstResponse',
    practice: 'seek ideas',
    definition:
      'Median days from an idea being raised to its first response, Kaplan-Meier, unanswered ideas censored at asOf.',
    unit: 'days',
    higherIsBetter: false,
    target: 7,
    source: 'configurable; a week as a default',
  },
  {
    id: 'ideasDecided',
    practice: 'seek ideas',
    definition: 'Share of ideas raised in the period that were adopted or declined by asOf.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'configurable; a decision either way closes the loop',
  },
  {
    id: 'ideaAdoptionRate',
    practice: 'seek ideas',
    definition: 'Share of decided ideas that were adopted.',
    unit: 'share',
    higherIsBetter: null,
    target: null,
    source: 'no target: adopting ideas to meet a number would defeat the purpose',
  },
  {
    id: 'needsAddressed',
    practice: 'find out needs',
    definition:
      'Share of needs raised in one-to-ones in the period that were addressed by asOf; needs by kind in the detail.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'configurable',
  },
  {
    id: 'needTimeToAddress',
    practice: 'find out needs',
    definition:
      'Median days from a need being raised to being addressed, Kaplan-Meier, open needs censored at asOf.',
    unit: 'days',
    higherIsBetter: false,
    target: 14,
    source: 'configurable; the next one-to-one at the common 14-day cadence',
  },
  {
    id: 'summariesConfirmed',
    practice: 'summarise to confirm',
    definition:
      'Share of one-to-ones in the period with a written summary that the employee confirmed.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: 'configurable',
  },
  {
    id: 'detractorFollowUp',
    practice: 'close the loop',
    definition:
      'Identified surveys only: share of the detractors among the people reporting when the survey opened who got a personal follow-up from the manager within followUpDays (default 2) days of answering.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.8,
    source: "Bain's inner loop: call detractors back within 48 hours",
  },
  {
    id: 'teamFollowUp',
    practice: 'close the loop',
    definition:
      'Confidential and anonymous surveys: share of the surveys in the period whose results the manager answered with a follow-up to the team within teamFollowUpDays (default 14) of closing, never naming anyone.',
    unit: 'share',
    higherIsBetter: true,
    target: 1,
    source: 'practice: share results and actions with the team within two weeks',
  },
  {
    id: 'teamEnps',
    practice: 'satisfied employee',
    definition:
      'eNPS (adjusted Wald interval) of the latest confidential or identified survey in the period, with complementary suppression across managers.',
    unit: 'score',
    higherIsBetter: true,
    target: null,
    source: 'compare with the organisation median manager',
  },
  {
    id: 'retentionRate',
    practice: 'long relationships',
    definition:
      'Of the people reporting (and employed) on the first day of the period, the share still employed by the company on its last day (Wilson interval).',
    unit: 'share',
    higherIsBetter: true,
    target: null,
    source: 'compare with the organisation median manager',
  },
  {
    id: 'regrettedTurnover',
    practice: 'long relationships',
    definition:
      'Regretted separations of people reporting to the manager on their last day, over the average daily number of people reporting (exact Poisson interval).',
    unit: 'rate',
    higherIsBetter: false,
    target: null,
    source: 'compare with the organisation median manager',
  },
  {
    id: 'medianTenure',
    practice: 'long relationships',
    definition:
      'Median company tenure in years (Kaplan-Meier) of the people who reported to the manager in the period: leavers are events, the others censored at their tenure on the last day they reported.',
    unit: 'years',
    higherIsBetter: true,
    target: null,
    source: 'compare with the organisation median manager',
  },
  {
    id: 'occasionsAcknowledged',
    practice: 'remember occasions',
    definition:
      'Share of recorded occasions of the people reporting that fell in the period (up to asOf) and were acknowledged.',
    unit: 'share',
    higherIsBetter: true,
    target: 0.9,
    source: 'configurable',
  },
];
