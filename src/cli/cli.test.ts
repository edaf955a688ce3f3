import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { withoutFunctionNames } from './errors.js';
import { type CliIo, colourAllowed, exitQuietlyOnClosedPipe, styles } from './io.js';
import { type CommandOutput, render } from './output.js';
import { buildProgram, runCli } from './program.js';
import { type ProgressMode, progressBar } from './progress.js';

describe('colourAllowed', () => {
  it('colours a terminal only, and never with NO_COLOR set to anything but empty', () => {
    expect(colourAllowed({ isTTY: true }, {})).toBe(true);
    expect(colourAllowed({ isTTY: false }, {})).toBe(false);
    expect(colourAllowed({}, {})).toBe(false);
    expect(colourAllowed({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourAllowed({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colourAllowed({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('leaves text plain when colour is off', () => {
    expect(styles(false).red('x')).toBe('x');
    expect(styles(true).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});

describe('render', () => {
  const output: CommandOutput = {
    json: { command: 'x', rows: [{ group: 'a', n: 7 }] },
    csv: { columns: ['group', 'n', 'score'], rows: [{ group: '=a', n: 7, score: null }] },
    table: {
      title: 'Title',
      header: ['group', 'n'],
      rows: [
        ['a', '7'],
        ['b', 'suppressed'],
      ],
      notes: ['a note'],
    },
  };

  it('writes a table with its title and notes, bold and dim only when coloured', () => {
    const plain = render(output, 'table', false);
    expect(plain).toBe(
      'Title\n\ngroup           n\n-----  ----------\na               7\nb      suppressed\n\na note\n',
    );
    const coloured = render(output, 'table', true);
    expect(coloured).toContain('\u001b[2mb      suppressed\u001b[22m');
  });

  it('escapes control characters of the data in a table: an ESC sequence, a CR in a group', () => {
    const hostile: CommandOutput = {
      ...output,
      table: {
        title: 'eNPS by \u001b]0;owned\u0007team',
        header: ['group\u009b', 'n'],
        rows: [
          ['Sales\r', '7'],
          ['\u001b[2JOps\u202e', '8'],
        ],
        notes: ['note\ttab'],
      },
    };
    const text = render(hostile, 'table', false);
    expect(text).toBe(
      [
        'eNPS by \\x1b]0;owned\\x07team',
        '',
        `group\\x9b${' '.repeat(9)}n`,
        '----------------  -',
        `Sales\\r${' '.repeat(11)}7`,
        '\\x1b[2JOps\\u202e  8',
        '',
        'note\\ttab',
        '',
      ].join('\n'),
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may be left.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('writes CSV in the given columns with formulas defused and nulls empty', () => {
    expect(render(output, 'csv', false)).toBe("group,n,score\r\n'=a,7,\r\n");
  });

  it('writes JSON with a final newline', () => {
    expect(render(output, 'json', false)).toBe(`${JSON.stringify(output.json, null, 2)}\n`);
  });
});

describe('progressBar', () => {
  it('draws nothing when standard error is not a terminal, or with --quiet', () => {
    const written: string[] = [];
    let now = 0;
    const bar = progressBar({ write: (t: string) => written.push(t) }, 100, 'reading', {
      now: () => now,
    });
    now = 5000;
    bar.update(50);
    bar.rows(10);
    bar.finish();
    const quiet = progressBar(
      { write: (t: string) => written.push(t), isTTY: true },
      100,
      'reading',
      { mode: 'never', now: () => now },
    );
    now = 10_000;
    quiet.update(50);
    quiet.finish();
    expect(written).toEqual([]);
  });

  it('draws on a terminal after a second, at most every 100 ms, with the rows read, and erases itself', () => {
    const written: string[] = [];
    let now = 0;
    const bar = progressBar(
      { write: (t: string) => written.push(t), isTTY: true, columns: 100 },
      4 * 1_048_576,
      'reading x.csv',
      { now: () => now },
    );
    bar.update(1_048_576);
    now = 900;
    bar.rows(1000);
    expect(written).toEqual([]);
    now = 1000;
    bar.update(2 * 1_048_576);
    now = 1050;
    bar.rows(3000);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\rreading x\.csv \[#+\.+\] {2}50% 2\.0\/4\.0 MB, 1,000 rows/);
    // Ends by clearing the rest of the line (ESC [ K), so a shorter line leaves nothing behind.
    expect(written[0]!.endsWith('\u001b[K')).toBe(true);
    now = 1100;
    bar.rows(3500);
    expect(written[1]).toMatch(/ 3,500 rows/);
    bar.finish();
    expect(written[2]).toBe('\r\u001b[2K');
  });

  it('with --progress off a terminal, writes a plain line at most once a second and nothing to erase', () => {
    const written: string[] = [];
    let now = 0;
    const bar = progressBar({ write: (t: string) => written.push(t) }, 0, 'reading -', {
      mode: 'always',
      now: () => now,
    });
    now = 1000;
    bar.rows(25_000);
    now = 1500;
    bar.rows(40_000);
    now = 2000;
    bar.rows(50_000);
    bar.finish();
    expect(written).toEqual(['reading -: 25,000 rows\n', 'reading -: 50,000 rows\n']);
  });
});

describe('--progress and --quiet', () => {
  it('set the progress mode of the command before it runs; both at once is a usage error', async () => {
    const silent = { write: () => true };
    const progress: { mode: ProgressMode } = { mode: 'auto' };
    const io: CliIo = {
      stdout: silent,
      stderr: silent,
      stdin: (async function* () {})(),
      env: {},
      progress,
    };
    const modes: ProgressMode[] = [];
    const program = buildProgram(io, async () => {
      modes.push(progress.mode);
    });
    const args = ['enps', 'x.csv', '--score', 's'];
    await program.parseAsync([...args, '--progress'], { from: 'user' });
    await program.parseAsync([...args, '--quiet'], { from: 'user' });
    await program.parseAsync(args, { from: 'user' });
    expect(modes).toEqual(['always', 'never', 'auto']);
    const { io: cli, errors } = quietIo();
    expect(await runCli([...args, '--progress', '--quiet'], cli)).toBe(1);
    expect(errors.join('')).toMatch(/--progress.*cannot be used with.*--quiet/);
  });
});

/** Streams for runCli that keep what is written to standard error. */
function quietIo(): { io: CliIo; errors: string[] } {
  const errors: string[] = [];
  const io: CliIo = {
    stdout: { write: () => true },
    stderr: { write: (text: string) => errors.push(text) },
    stdin: (async function* () {})(),
    env: {},
  };
  return { io, errors };
}

describe('runCli', () => {
  it('escapes control characters of values quoted in an error message', async () => {
    const { io, errors } = quietIo();
    const code = await runCli(['enps', 'missing\u001b[2J.csv', '--score', 'x'], io);
    expect(code).toBe(2);
    expect(errors.join('')).toContain('missing\\x1b[2J.csv');
    expect(errors.join('')).not.toContain('\u001b');
  });

  it('names no internal function in its messages', async () => {
    const { io, errors } = quietIo();
    const args = ['turnover', 'employees.csv', '--from', '2025-12-31', '--to', '2025-01-01'];
    expect(await runCli(args, io)).toBe(1);
    expect(errors.join('')).toBe(
      'internal-customer: --to requires a day on or after --from, got --from 2025-12-31 --to 2025-01-01\n',
    );
    expect(withoutFunctionNames('cannot read a.csv: readCsv found a line longer than 9')).toBe(
      'cannot read a.csv: found a line longer than 9',
    );
    expect(withoutFunctionNames('enpsClassifier requires cutoffs in order')).toBe(
      'requires cutoffs in order',
    );
  });
});

describe('exitQuietlyOnClosedPipe', () => {
  it('exits with 0 and says nothing when the reader closed the pipe (| head)', () => {
    const stdout = new EventEmitter();
    const exits: number[] = [];
    const reports: string[] = [];
    exitQuietlyOnClosedPipe(
      stdout,
      (code) => exits.push(code),
      (text) => reports.push(text),
    );
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([0]);
    expect(reports).toEqual([]);
    stdout.emit('error', Object.assign(new Error('no space left'), { code: 'ENOSPC' }));
    expect(exits).toEqual([0, 2]);
    expect(reports).toEqual(['internal-customer: cannot write the output: no space left\n']);
  });
});
