/**
 * Every command line option the README documents is accepted by the commands it names: the
 * options listed "for every command" or for a list of commands, and every option in the README's
 * `npx internal-customer <command> ...` lines. Read from the program itself (commander's options
 * of each subcommand), so a renamed or dropped option fails here before a reader trips on it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/io.js';
import { buildProgram } from '../src/cli/program.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = /## Command line: `internal-customer`\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';

const silent = { write: () => true };
const io: CliIo = { stdout: silent, stderr: silent, stdin: (async function* () {})(), env: {} };
const program = buildProgram(io, async () => {});
/** Each command's accepted flags (`--by`, `-o`, `--output` ...), `--help` included. */
const accepted = new Map(
  program.commands.map((command) => [
    command.name(),
    new Set([
      '--help',
      '-h',
      ...command.options.flatMap((option) => [option.long, option.short]).filter(Boolean),
    ] as string[]),
  ]),
);
const commands = [...accepted.keys()];

/** The flags written in a piece of README text (`--min-group 5`, `-o/--output file` ...). */
function flagsIn(text: string): string[] {
  return [...text.matchAll(/(?<![\w-])(--?[a-z][a-z-]*)/g)].map((match) => match[1]!);
}

/** Problems: a documented flag that a command it is documented for does not accept. */
function refused(flags: readonly string[], names: readonly string[]): string[] {
  return names.flatMap((name) =>
    flags.filter((flag) => !accepted.get(name)?.has(flag)).map((flag) => `${name} ${flag}`),
  );
}

describe('the README on the command line', () => {
  it('documents the commands the program has', () => {
    expect(commands).toEqual([
      'enps',
      'favourability',
      'turnover',
      'survival',
      'cohorts',
      'trend',
      'compare',
      'scorecards',
      'risk',
      'report',
      'init-mapping',
      'sql',
      'merge',
    ]);
    for (const name of commands) expect(section).toContain(`npx internal-customer ${name} `);
  });

  it('lists, for every command or for the commands it names, only options they accept', () => {
    const lists = [
      ...section.matchAll(/^- \*\*Options for ([^:]*):\*\*([\s\S]*?)(?=\n- |\n\n|(?![\s\S]))/gm),
    ];
    expect(lists.length).toBeGreaterThanOrEqual(1);
    const problems = lists.flatMap(([, target, text]) => {
      const names =
        target === 'every command' ? commands : [...target!.matchAll(/`(\w+)`/g)].map((m) => m[1]!);
      expect(names.length, target).toBeGreaterThan(0);
      // A sentence about another command inside the list names it first: check only up to there.
      const own = text!.split(/(?=`(?:enps|favourability|turnover|survival|report)` )/)[0]!;
      return refused(flagsIn(own), names);
    });
    expect(problems).toEqual([]);
  });

  it('runs each example line with options the command accepts', () => {
    const lines = [...readme.matchAll(/^npx internal-customer (\w+) (.*)$/gm)];
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const problems = lines.flatMap(([, name, rest]) => refused(flagsIn(rest!), [name!]));
    expect(problems).toEqual([]);
  });

  it('catches an option that a command does not take (the check itself)', () => {
    expect(refused(['--mapping', '--output'], ['init-mapping'])).toEqual([
      'init-mapping --mapping',
    ]);
    expect(flagsIn('`-o/--output file`, `--min-group 5`')).toEqual([
      '-o',
      '--output',
      '--min-group',
    ]);
  });
});
