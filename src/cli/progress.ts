/** A progress bar's stream: a terminal's standard error. @internal */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
}

/** Reports progress. @internal */
export interface Progress {
  update(done: number): void;
  finish(): void;
}

const NONE: Progress = { update() {}, finish() {} };

function megabytes(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

/**
 * A progress bar for reading `total` bytes, drawn on standard error only when it is a terminal,
 * and only once the read has taken `delayMs` (so short reads print nothing), redrawn at most every
 * 100 ms and erased at the end. `now` is injectable for tests. @internal
 */
export function progressBar(
  stream: ProgressStream,
  total: number,
  label: string,
  options: { readonly delayMs?: number; readonly now?: () => number } = {},
): Progress {
  if (stream.isTTY !== true || !(total > 0)) return NONE;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const delay = options.delayMs ?? 250;
  let drawn = false;
  let last = Number.NEGATIVE_INFINITY;
  return {
    update(done) {
      const time = now();
      if (time - started < delay || time - last < 100) return;
      last = time;
      drawn = true;
      const share = Math.min(1, done / total);
      const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 30));
      const filled = Math.round(share * width);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${megabytes(done)}/${megabytes(total)} MB`,
      );
    },
    finish() {
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}
