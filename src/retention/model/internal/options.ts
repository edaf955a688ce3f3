import { InternalCustomerError } from '../../../core/errors.js';
import { checkLevel } from '../../../internal/checkLevel.js';
import { describeValue } from '../../../internal/describeValue.js';
import type { FitRetentionModelOptions } from '../fitRetentionModel.js';
import { isProtectedAttribute } from '../protectedAttributes.js';
import type { DesignSpec } from './design.js';
import type { FitSettings } from './fitDesign.js';

/** Validated model options. */
export interface ResolvedModelOptions {
  readonly spec: DesignSpec;
  readonly settings: FitSettings;
  readonly level: number;
  /** The protected attributes the caller allowed into the features. */
  readonly protectedFeatures: readonly string[];
}

function stringList(value: unknown, name: string, fn: string): readonly string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires ${name} as an array of column names, got ${describeValue(value)}`,
    );
  }
  return value as readonly string[];
}

/** Checks the options shared by fitRetentionModel and crossValidate. */
export function resolveModelOptions(
  options: FitRetentionModelOptions,
  fn: string,
): ResolvedModelOptions {
  if (options === null || typeof options !== 'object') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires options with features and label, got ${describeValue(options)}`,
    );
  }
  const features = stringList(options.features, 'features', fn);
  if (features.length === 0) {
    throw new InternalCustomerError('INVALID_OPTION', `${fn} requires at least one feature`);
  }
  const duplicate = features.find((name, i) => features.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires distinct features, got ${JSON.stringify(duplicate)} twice`,
    );
  }
  if (typeof options.label !== 'string' || options.label === '') {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires label as the name of the outcome column, got ${describeValue(options.label)}`,
    );
  }
  if (features.includes(options.label)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires the label to be left out of the features, got ${JSON.stringify(options.label)} in both`,
    );
  }
  const categorical = stringList(options.categorical ?? [], 'categorical', fn);
  const stray = categorical.find((name) => !features.includes(name));
  if (stray !== undefined) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires every categorical column to be a feature, got ${JSON.stringify(stray)}`,
    );
  }
  const referenceLevels = options.referenceLevels ?? {};
  for (const [name, level] of Object.entries(referenceLevels)) {
    if (!features.includes(name) || typeof level !== 'string') {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `${fn} requires referenceLevels to map features to a level, got ${JSON.stringify(name)}: ${describeValue(level)}`,
      );
    }
  }
  const extra = stringList(options.protected ?? [], 'protected', fn);
  const allow = options.allowProtected ?? false;
  if (typeof allow !== 'boolean') stringList(allow, 'allowProtected', fn);
  const allowed = (name: string) =>
    allow === true || (Array.isArray(allow) && allow.includes(name));
  const protectedFeatures = features.filter((name) => isProtectedAttribute(name, extra));
  const refused = protectedFeatures.filter((name) => !allowed(name));
  if (refused.length > 0) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} leaves protected attributes out of a retention model by default, and the features include ${refused.join(', ')}. Remove ${refused.length === 1 ? 'it' : 'them'}, or, to study ${refused.length === 1 ? 'its' : 'their'} effect (an audit, a comparison with R), pass allowProtected: ${JSON.stringify(refused)}`,
    );
  }
  const lambda = options.regularization ?? 0;
  if (typeof lambda !== 'number' || !(lambda >= 0) || !Number.isFinite(lambda)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires regularization as a finite number >= 0, got ${describeValue(lambda)}`,
    );
  }
  const maxIterations = options.maxIterations ?? 50;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires maxIterations as a whole number >= 1, got ${describeValue(maxIterations)}`,
    );
  }
  const tolerance = options.tolerance ?? 1e-10;
  if (typeof tolerance !== 'number' || !(tolerance > 0 && tolerance < 1)) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires tolerance strictly between 0 and 1, got ${describeValue(tolerance)}`,
    );
  }
  const level = options.level ?? 0.95;
  checkLevel(level, fn);
  if (
    options.positive !== undefined &&
    !['string', 'number', 'boolean'].includes(typeof options.positive)
  ) {
    throw new InternalCustomerError(
      'INVALID_OPTION',
      `${fn} requires positive as a value of the label, got ${describeValue(options.positive)}`,
    );
  }
  return {
    spec: {
      features,
      label: options.label,
      positive: options.positive,
      categorical: new Set(categorical),
      referenceLevels,
    },
    settings: {
      standardize: options.standardize ?? false,
      lambda,
      maxIterations,
      tolerance,
    },
    level,
    protectedFeatures: protectedFeatures.filter(allowed),
  };
}
