import type { ProgressMode } from './progress.js';

/**
 * What the command line tool reads and writes, passed in so that the commands can be run in
 * tests without a process. @internal
 */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean | undefined };
  readonly stderr: {
    write(text: string): unknown;
    readonly isTTY?: boolean | undefined;
    readonly columns?: number | undefined;
  };
  readonly stdin: AsyncIterable<Uint8Array | string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * When progress is shown on standard error (`--progress`, `--quiet`; default on a terminal
   * only): set by the program once a command's options are parsed.
   */
  readonly progress?: { mode: ProgressMode } | undefined;
}

/** The process's own streams and environment. @internal */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
  };
}

/**
 * Whether to colour a stream: only a terminal, and never when `NO_COLOR` is set to anything but
 * the empty string (https://no-color.org). @internal
 */
export function colourAllowed(
  stream: { readonly isTTY?: boolean | undefined },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const noColour = env.NO_COLOR;
  return (
    stream.isTTY === true && (noColour === undefined || noColour === '') && env.TERM !== 'dumb'
  );
}

/** ANSI styles, or none. @internal */
export function styles(enabled: boolean) {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39) };
}

/** C0 and C1 control characters, DEL, and the Unicode line, paragraph and bidirectional controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Text from the data made safe for a terminal: every control character (an ESC that would start
 * an escape sequence, a carriage return that would overwrite the line, a bidirectional override)
 * is written as a visible escape (`\x1b`, `\r`, `\u202e`), so a value cannot move the cursor,
 * recolour, retitle or break the table. Other text is unchanged. @internal
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (character) => {
    const named = NAMED[character];
    if (named !== undefined) return named;
    const code = character.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Ends the process quietly when the reader of standard output goes away (`| head` closes the pipe:
 * EPIPE), as command line tools do, instead of an unhandled 'error' event with a stack trace. Other
 * write errors are reported and exit with 2. @internal
 */
export function exitQuietlyOnClosedPipe(
  stream: { on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown },
  exit: (code: number) => void,
  report: (text: string) => void,
): void {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') exit(0);
    else {
      report(`internal-customer: cannot write the output: ${error.message}\n`);
      exit(2);
    }
  });
}
