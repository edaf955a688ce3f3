import { createReadStream } from 'node:fs';
import { InternalCustomerError } from '../../core/errors.js';

/**
 * The file's chunks (or those of the bytes from `start` to `end`, exclusive) of `chunkBytes`
 * bytes (default 256 KiB); a file that cannot be opened or read becomes `INVALID_INPUT`.
 * @internal
 */
export async function* fileChunks(
  path: string | URL,
  range?: { readonly start: number; readonly end: number },
  chunkBytes = 256 * 1024,
): AsyncGenerator<Buffer, void, undefined> {
  if (range !== undefined && range.end <= range.start) return;
  const stream = createReadStream(path, {
    highWaterMark: chunkBytes,
    ...(range === undefined ? {} : { start: range.start, end: range.end - 1 }),
  });
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `readCsvFile could not read ${String(path)}: ${error.message}`,
      );
    }
    throw error;
  } finally {
    stream.destroy();
  }
}
