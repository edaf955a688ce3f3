import { InternalCustomerError } from '../../core/errors.js';
import type { CsvEncoding } from './textOptions.js';

/** Enough bytes to see any byte-order mark and the first characters after it. */
const HEAD_BYTES = 4;

function detect(head: Uint8Array): { encoding: CsvEncoding; bom: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  return { encoding: 'utf-8', bom: false };
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Turns a source of byte or string chunks into text chunks. The encoding is the one given, or the
 * one the byte-order mark names (UTF-8, UTF-16 LE, UTF-16 BE), or UTF-8; the mark itself is
 * dropped. A `TextDecoder` with `stream: true` keeps a character split across chunks whole, and
 * `fatal: true` turns bytes that are not valid text into an `INVALID_ENCODING` error. String chunks
 * are taken as already decoded (a leading U+FEFF is dropped). @internal
 */
export async function* decodeChunks(
  source: AsyncIterable<unknown> | Iterable<unknown>,
  encoding: CsvEncoding | undefined,
  caller: string,
): AsyncGenerator<string, void, undefined> {
  let decoder: TextDecoder | undefined;
  let label: CsvEncoding = encoding ?? 'utf-8';
  let head: Uint8Array[] = [];
  let headLength = 0;
  let bytesSeen = 0;
  let mode: 'bytes' | 'strings' | undefined;

  const fail = (detail: string): InternalCustomerError =>
    new InternalCustomerError(
      'INVALID_ENCODING',
      `${caller} requires valid ${label.toUpperCase()} text: ${detail}`,
    );

  const start = (bytes: Uint8Array): void => {
    const found = detect(bytes);
    if (encoding === undefined) {
      label = found.encoding;
      // A NUL among the first bytes is UTF-16 without a byte-order mark, never UTF-8 text.
      if (!found.bom && bytes.subarray(0, HEAD_BYTES).includes(0)) {
        throw fail(
          'the first bytes contain NUL bytes, as UTF-16 text without a byte-order mark does; pass the encoding option',
        );
      }
    }
    decoder = new TextDecoder(label, { fatal: true });
  };

  const decode = (bytes: Uint8Array, offset: number): string => {
    try {
      return decoder!.decode(bytes, { stream: true });
    } catch {
      throw fail(
        `the bytes ${offset} to ${offset + bytes.length - 1} (counting from 0) hold an invalid sequence`,
      );
    }
  };

  for await (const chunk of source as AsyncIterable<unknown>) {
    if (typeof chunk === 'string') {
      if (mode === 'bytes') {
        throw new InternalCustomerError(
          'INVALID_INPUT',
          `${caller} requires a source of only bytes or only strings, got a string after bytes`,
        );
      }
      const text = mode === undefined && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      mode = 'strings';
      if (text.length > 0) yield text;
      continue;
    }
    if (!(chunk instanceof Uint8Array)) {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${caller} requires chunks of bytes (Uint8Array) or strings, got ${typeof chunk}`,
      );
    }
    if (mode === 'strings') {
      throw new InternalCustomerError(
        'INVALID_INPUT',
        `${caller} requires a source of only bytes or only strings, got bytes after a string`,
      );
    }
    mode = 'bytes';
    if (decoder === undefined) {
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < HEAD_BYTES) continue;
      const bytes = concat(head, headLength);
      head = [];
      headLength = 0;
      start(bytes);
      const text = decode(bytes, 0);
      bytesSeen = bytes.length;
      if (text.length > 0) yield text;
      continue;
    }
    const text = decode(chunk, bytesSeen);
    bytesSeen += chunk.length;
    if (text.length > 0) yield text;
  }
  if (decoder === undefined && headLength > 0) {
    const bytes = concat(head, headLength);
    start(bytes);
    const text = decode(bytes, 0);
    bytesSeen = bytes.length;
    if (text.length > 0) yield text;
  }
  if (decoder !== undefined) {
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw fail(`the input ends inside a character (after byte ${bytesSeen - 1})`);
    }
    if (rest.length > 0) yield rest;
  }
}
