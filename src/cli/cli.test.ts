import { describe, expect, it } from 'vitest';
import { colourAllowed, styles } from './io.js';
import { type CommandOutput, render } from './output.js';
import { progressBar } from './progress.js';

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

  it('writes CSV in the given columns with formulas defused and nulls empty', () => {
    expect(render(output, 'csv', false)).toBe("group,n,score\r\n'=a,7,\r\n");
  });

  it('writes JSON with a final newline', () => {
    expect(render(output, 'json', false)).toBe(`${JSON.stringify(output.json, null, 2)}\n`);
  });
});

describe('progressBar', () => {
  it('draws nothing when standard error is not a terminal', () => {
    const written: string[] = [];
    const bar = progressBar({ write: (t: string) => written.push(t) }, 100, 'reading');
    bar.update(50);
    bar.finish();
    expect(written).toEqual([]);
  });

  it('draws on a terminal after the delay, at most every 100 ms, and erases itself', () => {
    const written: string[] = [];
    let now = 0;
    const bar = progressBar(
      { write: (t: string) => written.push(t), isTTY: true, columns: 80 },
      4 * 1_048_576,
      'reading x.csv',
      { now: () => now },
    );
    bar.update(1_048_576);
    expect(written).toEqual([]);
    now = 300;
    bar.update(2 * 1_048_576);
    now = 350;
    bar.update(3 * 1_048_576);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\rreading x\.csv \[#+\.+\] {2}50% 2\.0\/4\.0 MB$/);
    bar.finish();
    expect(written[1]).toBe('\r\u001b[2K');
  });
});
