/** A progress report's stream: standard error. @internal */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/**
 * When progress is shown: `auto` on a terminal only (the default), `always` (`--progress`: also
 * when standard error is a file or a pipe, one line at a time) or `never` (`--quiet`). @internal
 */
export type ProgressMode = 'auto' | 'always' | 'never';

/** Reports the progress of reading one file: bytes read (of a known size), rows read. @internal */
export interface Progress {
  /** Bytes read so far. */
  update(done: number): void;
  /** Rows read so far (the library's `onProgress` callbacks). */
  rows(count: number): void;
  finish(): void;
}

const NONE: Progress = { update() {}, rows() {}, finish() {} };

function megabytes(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

/** Options of {@link progressBar}. @internal */
export interface ProgressOptions {
  /** Nothing is shown before the read has taken this long (default 1000 ms: short reads print nothing). */
  readonly delayMs?: number;
  readonly mode?: ProgressMode | undefined;
  /** The clock, injectable for tests (default `performance.now`). */
  readonly now?: () => number;
}

/**
 * Progress of reading `total` bytes (0 when unknown, as from standard input), on standard error
 * only, never on standard output: rows read and, when the size is known, a bar of the bytes.
 * Nothing is shown before `delayMs`. On a terminal the line is redrawn in place at most every
 * 100 ms and erased at the end; with `mode: 'always'` and no terminal (`--progress` into a log),
 * a plain line is written at most once a second. `mode: 'never'` (`--quiet`) shows nothing.
 * @internal
 */
export function progressBar(
  stream: ProgressStream,
  total: number,
  label: string,
  options: ProgressOptions = {},
): Progress {
  const mode = options.mode ?? 'auto';
  const terminal = stream.isTTY === true;
  if (mode === 'never' || (mode === 'auto' && !terminal)) return NONE;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const delay = options.delayMs ?? 1000;
  const every = terminal ? 100 : 1000;
  let drawn = false;
  let last = Number.NEGATIVE_INFINITY;
  let bytes = 0;
  let rows = 0;
  const draw = () => {
    const time = now();
    if (time - started < delay || time - last < every) return;
    last = time;
    drawn = true;
    const counted = `${rows.toLocaleString('en-US')} rows`;
    if (!terminal) {
      const share = total > 0 ? `, ${Math.floor(Math.min(1, bytes / total) * 100)}%` : '';
      stream.write(`${label}: ${counted}${share}\n`);
      return;
    }
    if (!(total > 0)) {
      stream.write(`\r${label}: ${counted}, ${megabytes(bytes)} MB\u001b[K`);
      return;
    }
    const share = Math.min(1, bytes / total);
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 50));
    const filled = Math.round(share * width);
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${megabytes(bytes)}/${megabytes(total)} MB, ${counted}\u001b[K`,
    );
  };
  return {
    update(done) {
      bytes = done;
      draw();
    },
    rows(count) {
      rows = count;
      draw();
    },
    finish() {
      if (drawn && terminal) stream.write('\r\u001b[2K');
    },
  };
}
