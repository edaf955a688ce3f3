/**
 * The organisation's HTML report in a real browser, as an HR director opens it on a desktop
 * (1280 px) and on a phone (390 px): writes the page for the bundled sample organisation (as
 * `internal-customer report` and `npm run demo` do) and for a variant with long survey items and
 * no regretted flag, opens both in headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core, one launch with a fresh profile) and checks that every chart rendered, nothing
 * was logged as an error or fetched from the network, heatmap items are numbered with their full
 * text listed, more than 8 departments are small multiples, the page never scrolls sideways on a
 * phone, "regretted" appears only with the flag in the data, and the manager grid keeps its
 * header row in view while it scrolls. Screenshots of each page go to .tmp/report-screenshots/
 * (git-ignored; CI keeps .tmp), and their paths are printed.
 *
 * `.ci/run` installs Chromium. Outside CI, without Chromium, the test is skipped with a loud
 * message; under CI=true it fails.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOrganisationReport } from '../src/cli/organisationReport.js';
import type { Dataset } from '../src/schemas/dataset.js';
import { LONG_TAIL, longItemsNoRegret, sampleDataset } from './support/reportSamples.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const inCi = process.env.CI === 'true';
const available = existsSync(CHROMIUM);
const shots = join(root, '.tmp', 'report-screenshots');
const pages = join(root, '.tmp', 'browser');
/** Quiet, offline, reproducible: no GPU, no QUIC, no background or first-run traffic. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (!available && !inCi) {
  console.warn(
    `\n!!! ${CHROMIUM} is missing: the browser test of the HTML report is SKIPPED.\n!!! Install it with: apt-get update && apt-get install -y chromium (CI does, and fails without it).\n`,
  );
}

/** What a page showed: problems logged and requests made while it loaded. */
interface Opened {
  readonly tab: Page;
  readonly errors: string[];
  readonly requests: string[];
}

describe.skipIf(!available && !inCi)('the HTML report in Chromium', () => {
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  const written = new Map<string, { file: string; sections: readonly { id: string }[] }>();

  beforeAll(async () => {
    if (!available)
      throw new Error(`${CHROMIUM} is missing; .ci/run must install Debian's chromium`);
    mkdirSync(pages, { recursive: true });
    mkdirSync(shots, { recursive: true });
    const datasets: [string, Dataset][] = [
      ['sample', sampleDataset()],
      ['long-items', longItemsNoRegret()],
    ];
    for (const [name, dataset] of datasets) {
      const file = join(pages, `${name}.html`);
      const report = await writeOrganisationReport(dataset, {
        asOf: '2026-09-30',
        out: file,
        source: 'the bundled sample',
        version: 'test',
      });
      written.set(name, { file, sections: report.sections });
    }
    profile = mkdtempSync(join(tmpdir(), 'report-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
    });
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  async function open(name: string, width: number): Promise<Opened> {
    const tab = await context!.newPage();
    await tab.setViewportSize({ width, height: 900 });
    const errors: string[] = [];
    const requests: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    tab.on('pageerror', (error) => errors.push(String(error)));
    tab.on('request', (request) => requests.push(request.url()));
    await tab.goto(pathToFileURL(written.get(name)!.file).href, { waitUntil: 'load' });
    return { tab, errors, requests };
  }

  /** A full-page screenshot, checked to be a PNG of some substance, its path printed. */
  async function screenshot(tab: Page, name: string): Promise<void> {
    const shot = join(shots, `${name}.png`);
    await tab.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(50_000);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    console.info(`screenshot of the report: ${shot}`);
  }

  /** The document's width against the viewport's: no sideways scrolling when not above it. */
  const widths = (tab: Page) =>
    tab.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));

  /** Every chart's SVG with its drawn size, its own size, its marks and its widest text. */
  const charts = (tab: Page) =>
    tab.$$eval('figure.chart svg', (svgs) =>
      svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        return {
          id: svg.closest('figure')?.getAttribute('data-chart') ?? '',
          width: box.width,
          height: box.height,
          scale: box.width / Number(svg.getAttribute('width')),
          right: box.right,
          marks: svg.querySelectorAll('path, rect, line, text').length,
          cut: Array.from(svg.querySelectorAll('text')).some((text) =>
            text.textContent?.includes('…'),
          ),
        };
      }),
    );

  it('draws every section of the sample at 1280 px: charts, small multiples, grid; no error, no request', async () => {
    const { tab, errors, requests } = await open('sample', 1280);
    const { sections } = written.get('sample')!;
    const drawn = await tab.$$eval('section', (all) =>
      all.map((section) => ({
        id: section.id,
        charts: section.querySelectorAll('figure.chart svg').length,
        tables: section.querySelectorAll('table').length,
      })),
    );
    expect(drawn.map((section) => section.id)).toEqual(sections.map((section) => section.id));
    for (const section of drawn) {
      expect(section.charts + section.tables, section.id).toBeGreaterThan(0);
    }
    const svgs = await charts(tab);
    for (const chart of svgs) {
      expect(chart.width, `${chart.id} width`).toBeGreaterThan(150);
      expect(chart.height, `${chart.id} height`).toBeGreaterThan(100);
      expect(chart.marks, `${chart.id} marks`).toBeGreaterThan(20);
      expect(chart.cut, `${chart.id} has a cut label`).toBe(false);
    }
    // More than 8 departments: one panel each, all on one row or more, none shrunk.
    const panels = svgs.filter((chart) => chart.id === 'survival-by-department');
    expect(panels.length).toBeGreaterThan(8);
    for (const panel of panels) expect(panel.scale).toBe(1);
    expect(await tab.title()).toBe('People report: Larkspur Tiles Group');
    expect(await tab.locator('#turnover').textContent()).toContain('regretted');
    const { document, viewport } = await widths(tab);
    expect(document).toBeLessThanOrEqual(viewport);
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await screenshot(tab, 'sample-1280');
    await tab.close();
  });

  it('keeps the header row of the manager grid in view while the grid scrolls, at 1280 and 390 px', async () => {
    for (const width of [1280, 390]) {
      const { tab } = await open('sample', width);
      const grid = tab.locator('#scorecards .table-scroll');
      await grid.scrollIntoViewIfNeeded();
      const scrolled = await grid.evaluate((box) => {
        box.scrollTop = 600;
        box.scrollLeft = 300;
        const frame = box.getBoundingClientRect();
        const header = box.querySelector('thead th:last-child')!.getBoundingClientRect();
        const firstRow = box.querySelector('tbody tr')!.getBoundingClientRect();
        const name = box.querySelector('tbody tr:nth-child(30) td')!.getBoundingClientRect();
        // What is drawn near the grid's top right and at its left edge: the header, the names.
        const top = document.elementFromPoint(frame.right - 40, frame.top + 6);
        const left = document.elementFromPoint(frame.left + 6, name.top + name.height / 2);
        return {
          scrollTop: box.scrollTop,
          frameTop: frame.top,
          frameLeft: frame.left,
          headerTop: header.top,
          headerBottom: header.bottom,
          firstRowBottom: firstRow.bottom,
          nameLeft: name.left,
          topIsHeader: top?.closest('thead') !== null && box.contains(top),
          leftIsName: left?.closest('tr > td:first-child') !== null && box.contains(left),
        };
      });
      expect(scrolled.scrollTop, `${width} px: the grid scrolls`).toBe(600);
      expect(scrolled.firstRowBottom).toBeLessThan(scrolled.frameTop);
      expect(Math.abs(scrolled.headerTop - scrolled.frameTop), `${width} px`).toBeLessThan(2);
      expect(scrolled.headerBottom).toBeGreaterThan(scrolled.frameTop + 10);
      expect(scrolled.topIsHeader, `${width} px: the header is drawn over the rows`).toBe(true);
      // The managers' names stay at the left edge too.
      expect(Math.abs(scrolled.nameLeft - scrolled.frameLeft), `${width} px`).toBeLessThan(2);
      expect(scrolled.leftIsName, `${width} px: the names are drawn over the cells`).toBe(true);
      await tab.close();
    }
  });

  it('fits a 390 px phone: no sideways scrolling, charts scaled to the screen and legible', async () => {
    const { tab, errors } = await open('sample', 390);
    const { document, viewport } = await widths(tab);
    expect(document).toBeLessThanOrEqual(viewport);
    for (const chart of await charts(tab)) {
      expect(chart.right, `${chart.id} fits the screen`).toBeLessThanOrEqual(viewport);
      // A 10 px label is at least 6 px on the phone (then pinch to zoom).
      expect(chart.scale, `${chart.id} scale`).toBeGreaterThanOrEqual(0.6);
    }
    expect(errors).toEqual([]);
    await screenshot(tab, 'sample-390');
    await tab.close();
  });

  it('numbers long heatmap items with their full text listed, and never says "regretted" without the flag', async () => {
    for (const width of [390, 1280]) {
      const { tab, errors } = await open('long-items', width);
      const { document, viewport } = await widths(tab);
      expect(document, `${width} px`).toBeLessThanOrEqual(viewport);
      const heatmap = tab.locator('#heatmap');
      const columns = await heatmap.locator('svg text').allTextContents();
      const legend = await heatmap.locator('dl.legend dd').evaluateAll((items) =>
        items.map((item) => ({
          text: item.textContent ?? '',
          wraps: item.getBoundingClientRect().height > 20,
          fits: item.scrollWidth <= item.clientWidth,
        })),
      );
      expect(legend.length).toBeGreaterThan(8);
      for (const [i, item] of legend.entries()) {
        expect(columns).toContain(String(i + 1));
        expect(item.text.endsWith(LONG_TAIL)).toBe(true);
        expect(item.fits).toBe(true);
        if (width === 390) expect(item.wraps).toBe(true);
      }
      for (const chart of await charts(tab)) expect(chart.cut, chart.id).toBe(false);
      expect(await tab.content()).not.toMatch(/regret/i);
      expect(errors).toEqual([]);
      await screenshot(tab, `long-items-${width}`);
      await tab.close();
    }
  });
});
