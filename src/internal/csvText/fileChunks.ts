import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
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

/**
 * The bytes from `start` to `end` (exclusive) of a file, read into one buffer that is reused:
 * each chunk yielded is only valid until the next is asked for (copy what must outlive it). A
 * reader that makes little garbage of its own otherwise leaves a trail of read buffers that the
 * collector frees late (external memory), so the resident set would grow by hundreds of MiB on a
 * large file. A file that cannot be opened or read becomes `INVALID_INPUT`. @internal
 */
export async function* reusedChunks(
  path: string,
  range: { readonly start: number; readonly end: number },
  chunkBytes = 256 * 1024,
): AsyncGenerator<Buffer, void, undefined> {
  if (range.end <= range.start) return;
  const fail = (error: unknown) =>
    error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
      ? new InternalCustomerError(
          'INVALID_INPUT',
          `readCsvFile could not read ${path}: ${error.message}`,
        )
      : error;
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw fail(error);
  }
  const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, range.end - range.start));
  try {
    for (let position = range.start; position < range.end; ) {
      let read: number;
      try {
        ({ bytesRead: read } = await file.read(
          buffer,
          0,
          Math.min(buffer.length, range.end - position),
          position,
        ));
      } catch (error) {
        throw fail(error);
      }
      if (read === 0) return;
      position += read;
      yield buffer.subarray(0, read);
    }
  } finally {
    await file.close();
  }
}
