import type { VegaLiteSpec } from '../report/chartTypes.js';
import { CliError } from './errors.js';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');

let loaded: Promise<{ vega: Vega; vegaLite: VegaLite }> | undefined;

/**
 * Loads `vega` and `vega-lite`, optional dependencies, by dynamic `import()` so that the library
 * never needs them and the CLI only when it draws. @internal
 */
function renderers(): Promise<{ vega: Vega; vegaLite: VegaLite }> {
  loaded ??= Promise.all([import('vega'), import('vega-lite')]).then(
    ([vega, vegaLite]) => ({ vega, vegaLite }),
    (error: unknown) => {
      loaded = undefined;
      throw new CliError(
        1,
        `drawing charts needs the optional dependencies vega and vega-lite (npm install vega vega-lite@~6.4): ${(error as Error).message}`,
      );
    },
  );
  return loaded;
}

/**
 * Renders Vega-Lite specifications to SVG markup in Node, with no browser and no canvas: compile
 * with vega-lite, run a headless vega View (renderer `none`) and serialise with `toSVG()`. Any
 * warning or error of either library fails the render, so a broken chart never ships silently.
 * @internal
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const { vega, vegaLite } = await renderers();
  const problems: string[] = [];
  const logger = vega.logger(vega.Warn);
  logger.warn = (...args: readonly unknown[]) => {
    problems.push(args.map(String).join(' '));
    return logger;
  };
  logger.error = (...args: readonly unknown[]) => {
    problems.push(args.map(String).join(' '));
    return logger;
  };
  const compiled = vegaLite.compile(spec as never, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  const svg = await view.toSVG();
  view.finalize();
  if (problems.length > 0) {
    const title = (spec.title as { text?: string } | undefined)?.text ?? 'a chart';
    throw new Error(`rendering "${title}" failed: ${problems.join('; ')}`);
  }
  return svg;
}
