import * as z from 'zod';
import { formatNumber } from '../../report/formatNumber.js';
import { crossValidate } from '../../retention/model/crossValidate.js';
import {
  fitRetentionModel,
  type RetentionRow,
  type RetentionValue,
} from '../../retention/model/fitRetentionModel.js';
import { predictRisk } from '../../retention/model/predictRisk.js';
import { usageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { CommandOutput } from '../output.js';
import { type ColumnMapping, columnMapping, type FieldColumn, readTable } from '../readTable.js';
import { gateValidation } from './riskGate.js';

/** Options of `internal-customer risk`. @internal */
export interface RiskCommandOptions {
  readonly label: string;
  readonly features: readonly string[];
  /** A column to break the cross-validated performance and calibration down by. */
  readonly by?: string | undefined;
  /** The person id column: needed for `scores`. */
  readonly id?: string | undefined;
  /** Print each person's score and its explanation (HR data or identified surveys only). */
  readonly scores: boolean;
  readonly folds: number;
  readonly seed: number;
  readonly minGroup: number;
  readonly level: number;
  readonly mapping?: string | undefined;
}

/** The stable columns of `risk --format csv`: the coefficients, or with --scores the people. @internal */
export const RISK_COLUMNS = ['term', 'estimate', 'oddsRatio', 'lower', 'upper', 'pValue'] as const;
const SCORE_COLUMNS = ['id', 'probability', 'tier', 'factors'] as const;

const CELL = z.union([z.number(), z.boolean(), z.string()]).nullable().optional();

/** A cell as the model takes it: a number where the text is one, missing where empty. */
function value(cell: unknown): RetentionValue {
  if (cell === null || cell === undefined) return null;
  if (typeof cell !== 'string') return cell as RetentionValue;
  const text = cell.trim();
  if (text === '') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** Refuses --scores where a score per person is not allowed or cannot name the person. @internal */
function checkScoresAllowed(options: RiskCommandOptions, mapping: ColumnMapping): void {
  if (options.scores) {
    const survey = mapping.load?.kind === 'responses' ? mapping.load.survey : undefined;
    const confidentiality = survey?.confidentiality;
    if (mapping.load?.kind === 'responses' && confidentiality !== 'identified')
      throw usageError(
        `--scores gives a score per person, which only HR data or an identified survey may have: the mapping declares the survey ${confidentiality ?? 'without a confidentiality'}, and its respondents were promised that their answers are not traced to them. Leave out --scores for the model, its cross-validation and calibration by group.`,
      );
    if (options.id === undefined)
      throw usageError('--scores requires --id: the column that names each person');
  }
}

/** The rows of the model: the label, features, --by and --id columns of each person. @internal */
async function readRows(
  file: string,
  options: RiskCommandOptions,
  mapping: ColumnMapping,
  io: CliIo,
): Promise<RetentionRow[]> {
  const columns = [
    ...new Set([
      options.label,
      ...options.features,
      ...(options.by === undefined ? [] : [options.by]),
      ...(options.id === undefined ? [] : [options.id]),
    ]),
  ];
  const fields: FieldColumn[] = columns.map((column) => ({
    field: column,
    column,
    source:
      column === options.label
        ? '--label'
        : column === options.by
          ? '--by'
          : column === options.id
            ? '--id'
            : '--features',
  }));
  // A mapping of employees turns its `left` flag into termination dates: who left is read back.
  const leftFromTermination = mapping.load?.kind === 'employees' && options.label === 'left';
  if (leftFromTermination) {
    fields.splice(
      fields.findIndex((field) => field.field === 'left'),
      1,
    );
    fields.push({ field: 'terminationDate', column: 'terminationDate', source: 'employees file' });
  }
  const schema = z.object(
    Object.fromEntries(
      [...columns, ...(leftFromTermination ? ['terminationDate'] : [])].map((column) => [
        column,
        CELL,
      ]),
    ),
  );
  const read = await readTable(file, schema, fields, mapping, io);
  const records = leftFromTermination
    ? read.records.map((record) => ({
        ...record,
        left: (record as Record<string, unknown>).terminationDate !== undefined,
      }))
    : read.records;
  const rows: RetentionRow[] = records.map((record) =>
    Object.fromEntries(
      columns.map((column) => [column, value((record as Record<string, unknown>)[column])]),
    ),
  );
  return rows;
}

/**
 * Fits the retention-risk model (`fitRetentionModel`) on a file of people with an outcome, judges
 * it by cross-validation (`crossValidate`: AUC, calibration, and per --by group through its
 * privacy gate) and, with --scores, explains each person's score (`predictRisk`). Person-level
 * scores need people who are known: HR data or an identified survey, with --id; a file of
 * anonymous or confidential survey answers is refused, since a score would re-identify the
 * respondent it was promised not to. @internal
 */
export async function riskCommand(
  file: string,
  options: RiskCommandOptions,
  io: CliIo,
): Promise<CommandOutput> {
  const mapping = await columnMapping(options.mapping);
  checkScoresAllowed(options, mapping);
  const rows = await readRows(file, options, mapping, io);
  const modelOptions = {
    features: options.features,
    label: options.label,
    standardize: true,
    level: options.level,
  };
  const model = fitRetentionModel(rows, modelOptions);
  const validation = crossValidate(rows, modelOptions, {
    folds: options.folds,
    seed: options.seed,
    minGroupSize: options.minGroup,
    ...(options.by === undefined ? {} : { groupBy: options.by }),
  });
  const coefficients = model.coefficients.map((c) => ({
    term: c.term,
    estimate: c.estimate,
    oddsRatio: c.oddsRatio,
    lower: c.oddsRatioInterval.lower,
    upper: c.oddsRatioInterval.upper,
    pValue: c.pValue,
  }));
  // Every bin and group through the privacy gate, with the headline totals beside them.
  const { calibration, groups } = gateValidation(rows, validation, {
    label: options.label,
    positive: model.positive,
    by: options.by,
    minGroup: options.minGroup,
  });
  const scores = options.scores
    ? rows.flatMap((row) => {
        if (options.features.some((feature) => row[feature] === null)) return [];
        const prediction = predictRisk(model, row);
        return [
          {
            id: String(row[options.id!]),
            probability: prediction.probability,
            tier: prediction.tier,
            factors: prediction.factors
              .slice(0, 3)
              .map((factor) => factor.description)
              .join('; '),
          },
        ];
      })
    : null;
  const warnings = [...model.warnings, ...validation.warnings];
  const pct = (x: number) => formatNumber(x, { percent: true });
  const summary = `${model.n} people, ${model.events} leavers (${pct(model.baseRate)}); cross-validated AUC ${formatNumber(validation.auc, { digits: 3 })} (${validation.folds} folds), Brier score ${formatNumber(validation.brierScore, { digits: 3 })}, top-decile lift ${formatNumber(validation.topDecileLift)}.`;
  const groupNotes = groups.map((group) =>
    group.status === 'shown'
      ? `${options.by}=${group.group}: n ${group.n}, AUC ${group.auc === null ? 'n/a' : formatNumber(group.auc, { digits: 3 })}, predicted ${pct(group.meanPredicted)}, observed ${pct(group.observedRate)} (observed/expected ${formatNumber(group.observedToExpected, { digits: 2 })})`
      : `${options.by}=${group.group}: suppressed`,
  );
  return {
    json: {
      command: 'risk',
      file,
      label: options.label,
      features: options.features,
      byColumn: options.by ?? null,
      minGroupSize: options.minGroup,
      n: model.n,
      events: model.events,
      baseRate: model.baseRate,
      coefficients,
      crossValidation: {
        folds: validation.folds,
        seed: validation.seed,
        auc: validation.auc,
        foldAuc: validation.foldAuc,
        brierScore: validation.brierScore,
        topDecileLift: validation.topDecileLift,
        calibration,
        groups,
      },
      scores,
      warnings,
    },
    csv:
      scores === null
        ? { columns: RISK_COLUMNS, rows: coefficients }
        : { columns: SCORE_COLUMNS, rows: scores },
    table:
      scores === null
        ? {
            title: `Retention-risk model of ${file === '-' ? 'standard input' : file}: ${options.label} from ${options.features.join(', ')}`,
            header: [
              'term',
              'odds ratio',
              `${formatNumber(options.level, { percent: true, digits: 0 })} interval`,
              'p',
            ],
            rows: coefficients.map((c) => [
              c.term,
              formatNumber(c.oddsRatio, { digits: 2 }),
              `${formatNumber(c.lower, { digits: 2 })} to ${formatNumber(c.upper, { digits: 2 })}`,
              formatNumber(c.pValue, { digits: 3 }),
            ]),
            notes: [
              summary,
              'Numeric features per standard deviation. A score is a prompt for a conversation, never an automated decision (GDPR Art. 22; EU AI Act Annex III).',
              ...groupNotes,
              ...warnings,
            ],
          }
        : {
            title: `Retention risk per person of ${file}`,
            header: [options.id!, 'probability', 'tier', 'main factors'],
            rows: scores.map((s) => [s.id, pct(s.probability), s.tier, s.factors]),
            notes: [
              summary,
              'A score is a prompt for a conversation, never an automated decision (GDPR Art. 22; EU AI Act Annex III).',
              ...warnings,
            ],
            textColumns: 1,
          },
  };
}
