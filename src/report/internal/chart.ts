import { InternalCustomerError } from '../../core/errors.js';
import type { ChartOptions, VegaLiteSpec } from '../chartTypes.js';
import { roundForDisplay } from '../roundForDisplay.js';
import { shiftDecimal } from './decimal.js';

/** The Vega-Lite schema every builder declares. @internal */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Shared look: one sans-serif font, quiet axes. @internal */
const CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e8e8e8' },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 15, subtitleFontSize: 11, subtitleColor: '#555', anchor: 'start' },
} as const;

/** Colours of the favourable / neutral / unfavourable split and of suppressed cells. @internal */
export const COLOURS = {
  favourable: '#1a9850',
  neutral: '#bdbdbd',
  unfavourable: '#d73027',
  suppressed: '#eeeeee',
  suppressedStroke: '#9e9e9e',
  line: '#1f5f8b',
  band: '#7fb3d5',
  flagged: '#c0392b',
} as const;

/** Checks the common options and returns the top-level properties of a spec. @internal */
export function baseSpec(
  functionName: string,
  options: ChartOptions,
  defaults: {
    title: string;
    subtitle: string;
    width: number | { step: number };
    height: number | { step: number };
  },
): VegaLiteSpec {
  for (const key of ['width', 'height'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new InternalCustomerError(
        'INVALID_OPTION',
        `${functionName} requires ${key} as a positive number of pixels, got ${String(value)}`,
      );
    }
  }
  const width = options.width ?? defaults.width;
  const height = options.height ?? defaults.height;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: options.title ?? defaults.title,
      subtitle: options.subtitle ?? defaults.subtitle,
    },
    width:
      typeof defaults.width === 'object' && options.width !== undefined ? { step: width } : width,
    height:
      typeof defaults.height === 'object' && options.height !== undefined
        ? { step: height }
        : height,
    config: CONFIG,
  };
}

/** Rounds for display, keeping null. @internal */
export function display(value: number | null | undefined, digits: number): number | null {
  return value === null || value === undefined || !Number.isFinite(value)
    ? null
    : roundForDisplay(value, digits);
}

/** A share 0-1 as a percentage rounded for display, keeping null. @internal */
export function percent(value: number | null | undefined, digits = 1): number | null {
  return value === null || value === undefined || !Number.isFinite(value)
    ? null
    : roundForDisplay(shiftDecimal(value, 2), digits);
}

/** `95%` from a level of 0.95. @internal */
export function levelText(level: number): string {
  return `${roundForDisplay(level * 100, 1)}%`;
}

/**
 * Breaks text into lines of at most `width` characters at spaces (a longer word stays whole on
 * its own line), so that a long label is wrapped instead of cut. @internal
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  return [...lines, line];
}
