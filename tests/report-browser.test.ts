/**
 * The organisation's HTML report in a real browser: writes the page for the bundled sample (as
 * `internal-customer report` and `npm run demo` do), opens it in headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) and checks that every chart rendered (an SVG with a size and marks), that
 * nothing was logged as an error and nothing was fetched from the network, then saves a
 * screenshot to .tmp/screenshots/report.png (git-ignored).
 *
 * `.ci/run` installs Chromium. Outside CI, without Chromium, the test is skipped with a loud
 * message; under CI=true it fails.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOrganisationReport } from '../src/cli/organisationReport.js';
import { validateDataset } from '../src/schemas/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const inCi = process.env.CI === 'true';
const available = existsSync(CHROMIUM);
const folder = join(root, '.tmp', 'screenshots');
const page = join(root, '.tmp', 'browser', 'index.html');

if (!available && !inCi) {
  console.warn(
    `\n!!! ${CHROMIUM} is missing: the browser test of the HTML report is SKIPPED.\n!!! Install it with: apt-get update && apt-get install -y chromium (CI does, and fails without it).\n`,
  );
}

describe.skipIf(!available && !inCi)('the HTML report in Chromium', () => {
  let browser: Browser | undefined;
  let sections = 0;
  let renderMilliseconds = 0;

  beforeAll(async () => {
    if (!available)
      throw new Error(`${CHROMIUM} is missing; .ci/run must install Debian's chromium`);
    mkdirSync(dirname(page), { recursive: true });
    const sample = JSON.parse(
      readFileSync(join(root, 'examples', 'data', 'dataset.json'), 'utf8'),
    ) as unknown;
    const written = await writeOrganisationReport(validateDataset(sample).dataset, {
      asOf: '2026-09-30',
      out: page,
      source: 'the bundled sample',
      version: 'test',
    });
    sections = written.sections.length;
    renderMilliseconds = written.milliseconds;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart, logs no error, fetches nothing and is screenshotted', async () => {
    const tab = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    tab.on('pageerror', (error) => errors.push(String(error)));
    tab.on('request', (request) => requests.push(request.url()));
    await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });

    const charts = await tab.$$eval('figure.chart', (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: figure.getAttribute('data-chart'),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll('path, rect, line, text').length ?? 0,
        };
      }),
    );
    expect(charts.length).toBe(sections);
    expect(charts.map((chart) => chart.id)).toEqual(
      expect.arrayContaining([
        'enps',
        'trend',
        'heatmap',
        'turnover',
        'survival',
        'cohorts',
        'scorecards',
      ]),
    );
    for (const chart of charts) {
      expect(chart.width, `${chart.id} width`).toBeGreaterThan(100);
      expect(chart.height, `${chart.id} height`).toBeGreaterThan(100);
      expect(chart.marks, `${chart.id} marks`).toBeGreaterThan(20);
    }
    expect(await tab.title()).toBe('People report: Larkspur Tiles Group');
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);

    mkdirSync(folder, { recursive: true });
    const shot = join(folder, 'report.png');
    await tab.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    console.info(`report rendered in ${Math.round(renderMilliseconds)} ms; screenshot: ${shot}`);
  }, 180_000);
});
