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
