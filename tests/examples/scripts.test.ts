/**
 * Every analyst script in examples/ runs and prints the table it promises, on the bundled sample
 * organisation, on a dataset folder of CSVs (tests/fixtures/cli/small-dataset, a tiny fictional
 * organisation with a big change of eNPS between two surveys), and from the command line as
 * `npx tsx examples/<name>.ts`, so the examples never rot. The scripts' `main()` returns the
 * text they print. ibm-attrition runs on a small synthetic file in IBM's format, and on IBM's own
 * file shipped in examples/data.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as drivers from '../../examples/drivers.js';
import * as engagement from '../../examples/engagement.js';
import * as enpsByTeam from '../../examples/enps-by-team.js';
import * as enpsPaired from '../../examples/enps-paired.js';
import * as enpsTrend from '../../examples/enps-trend.js';
import * as favourabilityHeatmap from '../../examples/favourability-heatmap.js';
import * as hireCohorts from '../../examples/hire-cohorts.js';
import * as ibmAttrition from '../../examples/ibm-attrition.js';
import * as logRank from '../../examples/log-rank.js';
import * as managerScorecards from '../../examples/manager-scorecards.js';
import * as retentionRisk from '../../examples/retention-risk.js';
import * as retentionSignals from '../../examples/retention-signals.js';
import * as stayersVersusLeavers from '../../examples/stayers-vs-leavers.js';
import * as tenureSurvival from '../../examples/tenure-survival.js';
import * as turnover from '../../examples/turnover.js';
import * as turnoverByTeam from '../../examples/turnover-by-team.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const small = join(root, 'tests', 'fixtures', 'cli', 'small-dataset');
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

function runScript(name: string, args: readonly string[] = []) {
  const result = spawnSync(process.execPath, [tsx, join('examples', name), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('examples/enps-by-team.ts', () => {
  it('prints eNPS with intervals for every team of the sample, suppressed teams as such', async () => {
    const text = await enpsByTeam.main();
    expect(text).toContain('eNPS by team: "Quarterly pulse July 2026" (confidential)');
    expect(text).toMatch(/Larkspur Tiles Group\s+303\s+34\.0\s+25\.6 to 41\.8\s+148\s+110\s+45/);
    expect(text).toMatch(/ {6}Privacy\s+suppressed/);
    expect(text).toMatch(/\d+ of 48 teams shown; \d+ suppressed/);
  });

  it('reads a dataset folder of CSVs, and refuses unknown options', async () => {
    const text = await enpsByTeam.main([small]);
    expect(text).toContain(`Data: ${small}, as of 2025-09-28`);
    expect(text).toMatch(/ {2}Gamma\s+suppressed/);
    await expect(enpsByTeam.main(['--colour', 'red'])).rejects.toThrow(/unknown option --colour/);
  });
});

describe('examples/enps-trend.ts', () => {
  it('prints the quarterly trend of the sample with each change tested', async () => {
    const text = await enpsTrend.main();
    expect(text).toMatch(/^2022-10-01\s+320\s+31\.6\s+23\.2 to 39\.3/m);
    expect(text).toMatch(/^2026-07-01\s+303\s+34\.0\s+25\.6 to 41\.8\s+\+1\.6\s+0\.785$/m);
    expect(text).toContain('No change is flagged');
  });

  it('flags a significant change in a dataset folder where eNPS jumps', async () => {
    const text = await enpsTrend.main([small]);
    expect(text).toMatch(/^2025-04-01\s+37\s+62\.2\s+.+\+105\.8\s+<0\.001\s+up$/m);
    expect(text).toContain('1 significant change flagged');
  });
});

describe('examples/turnover.ts', () => {
  it('prints monthly turnover and the annual rates of the sample', async () => {
    const text = await turnover.main();
    expect(text).toMatch(/^2025-10\s+389\.8\s+5\s+5\s+0\s+1\s+1\.28%/m);
    expect(text).toContain(
      'Annual turnover (sum of the 12 monthly rates, SHRM): 15.7%; voluntary 13.4%',
    );
    expect(text).toMatch(/as one period: 15\.7% \(95% CI 12\.0% to 20\.1%, exact Poisson\)/);
    expect(text).toMatch(/The last quarter .+ annualised/);
  });
});

describe('examples/tenure-survival.ts', () => {
  it('prints the Kaplan-Meier curve and median tenure per department of the sample', async () => {
    const text = await tenureSurvival.main();
    expect(text).toMatch(/^ {2}1\.0\s+89\.7%\s+87\.3% to 92\.2%\s+498$/m);
    expect(text).toContain('Median tenure (years): 11.4 (95% CI 9.4 to 13.3)');
    expect(text).toMatch(/^Executive Office\s+suppressed$/m);
    expect(text).toMatch(/^Sales\s+67\s+21\s+15\.3/m);
  });

  it('breaks down by another attribute of a dataset folder', async () => {
    const text = await tenureSurvival.main([small, '--by', 'department', '--min-group', '3']);
    expect(text).toContain('Median tenure by department (minimum group size 3)');
  });
});

describe('examples/drivers.ts', () => {
  it('ranks the items that move eNPS by their share of R^2', async () => {
    const text = await drivers.main();
    expect(text).toContain('What moves eNPS in "Quarterly pulse July 2026"');
    expect(text).toMatch(/^I expect to still be working here in a year\.\s+291\s+21%\s+0\.64/m);
    expect(text).toContain('R^2 of eNPS on all items together: 0.67');
  });
});

describe('examples/manager-scorecards.ts', () => {
  it('prints every manager against the targets, with the median manager', async () => {
    const text = await managerScorecards.main();
    expect(text).toContain(
      'Manager scorecards (direct reports), 2025-10-01 to 2026-09-30: 52 managers',
    );
    expect(text).toMatch(/^Luca Hebden\s+12\s+100%\s+14\.0\s+62%!/m);
    expect(text).toMatch(/^median manager\s+100%\s+27\.0/m);
    expect(text).toMatch(/^Gwen Halloway\s+0(\s+suppressed){8}$/m);
  });

  it("prints one manager's whole card with targets and assessments", async () => {
    const text = await managerScorecards.main(['--manager', 'E0003']);
    expect(text).toContain('Scorecard of Bea Dimmock (E0003), 6 people reporting (direct)');
    expect(text).toMatch(/^listen\s+oneOnOneCoverage\s+100%\s+90%\s+meets\s+100%$/m);
    expect(text).toMatch(/^satisfied employee\s+teamEnps\s+suppressed/m);
  });
});

describe('examples/ibm-attrition.ts', () => {
  it('compares satisfaction items of stayers and leavers in a file of IBM format', async () => {
    const text = await ibmAttrition.main([
      join(root, 'tests', 'fixtures', 'cli', 'ibm-attrition-sample.csv'),
    ]);
    expect(text).toContain('80 employees, 25 left (31.3%)');
    expect(text).toMatch(/^job satisfaction\s+\d+\.\d%/m);
    expect(text).toContain('Attrition rate at each answer');
  });

  it("reads IBM's own file from examples/data by default", async () => {
    const text = await ibmAttrition.main();
    expect(text).toContain('1470 employees, 237 left (16.1%)');
    expect(text).toMatch(/^job involvement\s+10\.6%\s+5\.5%\s+33\.7% \(24\.5%-44\.4%\)/m);
  });

  it('says where to find the file when it is absent', async () => {
    await expect(ibmAttrition.main([join(root, 'no-such.csv')])).rejects.toThrow(
      /emp_attrition\.csv/,
    );
  });
});

describe('examples/engagement.ts', () => {
  it("prints the engagement index by both methods and Cronbach's alpha of its items", async () => {
    const text = await engagement.main();
    expect(text).toContain('Engagement index of "Quarterly pulse July 2026" (3 items');
    expect(text).toMatch(/^I feel I belong in my team\.\s+300\s+76\.3$/m);
    expect(text).toContain("Index, mean of the items' favourable shares: 73.2 (305 people)");
    expect(text).toMatch(/Cronbach's alpha: 0\.75 .+282 complete answers/);
  });
});

describe('examples/enps-paired.ts', () => {
  it('tests the change in eNPS of the people who answered both surveys', async () => {
    const text = await enpsPaired.main();
    expect(text).toContain('"Quarterly pulse April 2026" -> "Quarterly pulse July 2026"');
    expect(text).toContain('Paired (216 people who answered both): change -0.9 points');
    expect(text).toMatch(/Unpaired \(all 296 and 303 answers\): change \+1\.6 points, p 0\.785/);
  });
});

describe('examples/stayers-vs-leavers.ts', () => {
  it('compares the favourability of leavers and stayers at three horizons', async () => {
    const text = await stayersVersusLeavers.main();
    expect(text).toContain('after "Quarterly pulse July 2025"');
    expect(text).toMatch(
      /^I expect to still be working here in a year\.\s+90 d\s+30\.8%\s+75\.7%\s+12\.8$/m,
    );
    expect(text.match(/^\s+365 d/gm)).toHaveLength(6);
  });
});

describe('examples/retention-signals.ts', () => {
  it("lists the signals and tier of the largest team's people", async () => {
    const text = await retentionSignals.main();
    expect(text).toContain('12 direct reports of Luca Hebden (E0006)');
    expect(text).toMatch(/^Ravi Ingleby\s+low\s+12%\s+does not expect to stay/m);
    expect(text).toContain('never a');
  });
});

describe('examples/favourability-heatmap.ts', () => {
  it('prints favourability by department and writes the Vega-Lite heatmap', async () => {
    const out = join(root, '.tmp', 'examples', `heatmap-${process.pid}.vl.json`);
    const text = await favourabilityHeatmap.main(['--out', out]);
    expect(text).toMatch(/^Platform Engineering\s+84%\s+76%\s+71%\s+94%\s+89%\s+94%$/m);
    expect(text).toMatch(/^Executive Office(\s+-){6}$/m);
    expect(text).toContain('item 6: I expect to still be working here in a year.');
    const spec = JSON.parse(readFileSync(out, 'utf8')) as { data: { values: unknown[] } };
    expect(spec.data.values.length).toBe(16 * 6);
  });
});

describe('examples/hire-cohorts.ts', () => {
  it('prints the retention triangle of the last three years of hire quarters', async () => {
    const text = await hireCohorts.main();
    expect(text).toMatch(/^2023-Q4\s+15\s+100%\s+93%\s+67%\s+33%$/m);
    expect(text).toMatch(/^2026-Q3\s+19$/m);
    expect(await hireCohorts.main(['--cohort', 'year', '--since', '2023-01-01'])).toMatch(
      /^2024\s+53\s/m,
    );
  });
});

describe('examples/log-rank.ts', () => {
  it('tests whether tenure differs between departments', async () => {
    const text = await logRank.main();
    expect(text).toMatch(/^Finance\s+63\s+31\s+22\.6\s+1\.37$/m);
    expect(text).toContain('Chi-square 16.6 on 12 degrees of freedom, p 0.164');
    expect(text).toContain('2 department(s) of fewer than 5 people left out.');
  });
});

describe('examples/turnover-by-team.ts', () => {
  it('counts turnover per team with and without moves between teams', async () => {
    const text = await turnoverByTeam.main();
    expect(text).toContain('Turnover by team, 2025-10-01 to 2026-09-30');
    // 4 left Product Design: how many of them moved out is hidden (issue 14).
    expect(text).toMatch(/^Product Design\s+8\.6\s+-\s+46\.4%\s+34\.8%$/m);
    expect(text).toMatch(/^Mobile\s+9\.0\s+0\s+0\.0%\s+0\.0%$/m);
    expect(text).toMatch(/^Developer Tools\s+suppressed$/m);
  });
});

describe('the scripts from the command line', () => {
  it('run with npx tsx and print their table', () => {
    const result = runScript('enps-trend.ts', [small]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('eNPS by quarter');
  });

  it('exit 1 with the message on standard error for a bad argument', () => {
    const result = runScript('turnover.ts', ['--as-of', '2025-02-30']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--as-of requires a calendar day');
  });

  it('exit non-zero with the path in the message when a data file is missing', () => {
    const result = runScript('retention-risk.ts', [join(root, 'no-such.csv')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/no-such\.csv/);
  });
});

describe('examples/retention-risk.ts', () => {
  it('fits on the IBM file and says the score is a prompt for a conversation', async () => {
    const text = await retentionRisk.main();
    expect(text).toMatch(/ROC AUC 0\.8\d\d \(repeats 0\.8\d\d-0\.8\d\d\)/);
    expect(text).toContain('Calibration (deciles');
    expect(text).toMatch(/Female +n +588 +AUC 0\.8\d\d/);
    expect(text.match(/^ {2}Employee \d+: \d+% \(high\)$/gm)).toHaveLength(10);
    expect(text).toContain('A risk score is a prompt for a conversation, not a decision.');
  });
});
