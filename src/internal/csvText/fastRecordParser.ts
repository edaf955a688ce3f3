import {
  createRecordParser,
  MAX_PENDING_CHARS,
  type ParsedEntry,
  recordTooLong,
} from './recordParser.js';

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Why a record could not be read here: it needs more text, or csv-parse must judge it. */
const INCOMPLETE = 1;
const ANOMALY = 2;

/** Counts line breaks in a field as the reader counts lines (CRLF, LF and CR each count one), and the CRLFs among them. */
function breaksIn(text: string): { breaks: number; crlf: number } {
  let breaks = 0;
  let crlf = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === LF) breaks++;
    else if (code === CR) {
      breaks++;
      if (text.charCodeAt(index + 1) === LF) {
        crlf++;
        index++;
      }
    }
  }
  return { breaks, crlf };
}

/**
 * A CSV record splitter with the exact behaviour of the csv-parse settings of
 * `createRecordParser` (RFC 4180 quoting with `""`, CRLF / LF / CR record delimiters, blank lines
 * skipped, ragged rows kept, the same start lines), written for speed: a line without a quote is
 * cut with `indexOf` and `split`, a record with quotes is read character by character.
 *
 * It reads only well-formed records. At the first record that is not (a quote inside an unquoted
 * field, text after a closing quote, a quote never closed), it hands that record and everything
 * after it to csv-parse (a fresh parser is in the same state at a record boundary as one that
 * read the earlier records), so that malformed input is reported exactly as before.
 * `fastRecordParser.prop.test.ts` checks the equivalence with csv-parse on random text and
 * random chunkings. The same interface as `createRecordParser`.
 *
 * A hot loop, kept in one closure on purpose: every character of a file with quotes passes
 * through it, and its state (queue, line, field buffer) lives in the closure's locals so that
 * V8 keeps them in registers; split into helpers per field or per record it would pay a call and
 * an object per field on that path.
 *
 * A record longer than a piece is read once it is complete, not re-read from its start at every
 * piece: text written after an unfinished record is held until it is at least as long as that
 * record (or the record limit would be passed), so each character is parsed a bounded number of
 * times and a field up to `maxRecordChars` takes time linear in its length. @internal
 */
export function createFastRecordParser(
  delimiter: string,
  caller: string,
  maxRecordChars: number = MAX_PENDING_CHARS,
) {
  const queue: ParsedEntry[] = [];
  const separator = delimiter.charCodeAt(0);
  let buffer = '';
  /** Text written after `buffer` (an unfinished record) and not parsed yet. */
  let held: string[] = [];
  let heldLength = 0;
  /** The physical line (1-based) where `buffer` starts. */
  let line = 1;
  /** The line where the last record ended, for the message about an unclosed quote. */
  let lastLine = 0;
  let pending = 0;
  let fallback: ReturnType<typeof createRecordParser> | undefined;
  /** CRLFs inside the quoted fields read so far (csv-parse's own line count counts each twice). */
  let crlfSeen = 0;

  /** Reads a record with quotes from `start`; its fields, end and line breaks, or why not. */
  let quoted: { fields: string[]; next: number; breaks: number; crlf: number } = {
    fields: [],
    next: 0,
    breaks: 0,
    crlf: 0,
  };
  function readQuoted(s: string, start: number, final: boolean): number {
    const length = s.length;
    const fields: string[] = [];
    let breaks = 0;
    let crlf = 0;
    let index = start;
    for (;;) {
      let end: number;
      if (s.charCodeAt(index) === QUOTE) {
        let from = index + 1;
        let value = '';
        for (;;) {
          const close = s.indexOf('"', from);
          if (close < 0) return final ? ANOMALY : INCOMPLETE;
          if (close + 1 === length && !final) return INCOMPLETE;
          if (s.charCodeAt(close + 1) === QUOTE) {
            value += s.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          value += s.slice(from, close);
          end = close + 1;
          break;
        }
        if (value.includes('\n') || value.includes('\r')) {
          const found = breaksIn(value);
          breaks += found.breaks;
          crlf += found.crlf;
        }
        fields.push(value);
        if (end < length) {
          const code = s.charCodeAt(end);
          if (code !== separator && code !== LF && code !== CR) return ANOMALY;
        }
      } else {
        end = index;
        while (end < length) {
          const code = s.charCodeAt(end);
          if (code === separator || code === LF || code === CR) break;
          if (code === QUOTE) return ANOMALY;
          end++;
        }
        fields.push(s.slice(index, end));
      }
      if (end === length) {
        if (!final) return INCOMPLETE;
        quoted = { fields, next: length, breaks, crlf };
        return 0;
      }
      const code = s.charCodeAt(end);
      if (code === separator) {
        index = end + 1;
        if (index === length) {
          if (!final) return INCOMPLETE;
          fields.push('');
          quoted = { fields, next: length, breaks, crlf };
          return 0;
        }
        continue;
      }
      // A record delimiter: CRLF, LF or CR. A CR at the end of the text may be half a CRLF.
      if (code === CR) {
        if (end + 1 === length && !final) return INCOMPLETE;
        quoted = {
          fields,
          next: s.charCodeAt(end + 1) === LF ? end + 2 : end + 1,
          breaks,
          crlf,
        };
        return 0;
      }
      quoted = { fields, next: end + 1, breaks, crlf };
      return 0;
    }
  }

  /** Parses the complete records of `s`; returns where the unread rest starts, or -1 on an anomaly. */
  function parse(s: string, final: boolean): number {
    const length = s.length;
    let position = 0;
    let nextQuote = -1;
    let nextCr = -1;
    while (position < length) {
      const first = s.charCodeAt(position);
      if (first === LF) {
        line++;
        position++;
        continue;
      }
      if (first === CR) {
        if (position + 1 === length && !final) break;
        line++;
        position += s.charCodeAt(position + 1) === LF ? 2 : 1;
        continue;
      }
      if (nextQuote !== Number.POSITIVE_INFINITY && nextQuote < position) {
        const found = s.indexOf('"', position);
        nextQuote = found < 0 ? Number.POSITIVE_INFINITY : found;
      }
      if (nextCr !== Number.POSITIVE_INFINITY && nextCr < position) {
        const found = s.indexOf('\r', position);
        nextCr = found < 0 ? Number.POSITIVE_INFINITY : found;
      }
      const lf = s.indexOf('\n', position);
      let end = lf < 0 ? Number.POSITIVE_INFINITY : lf;
      if (nextCr < end) end = nextCr;
      if (nextQuote < end) {
        const outcome = readQuoted(s, position, final);
        if (outcome === INCOMPLETE) break;
        if (outcome === ANOMALY) return -1 - position;
        queue.push({ fields: quoted.fields, line });
        line += quoted.breaks;
        crlfSeen += quoted.crlf;
        lastLine = line;
        line++;
        position = quoted.next;
        continue;
      }
      if (end === Number.POSITIVE_INFINITY) {
        if (!final) break;
        end = length;
      }
      if (end === length - 1 && !final && s.charCodeAt(end) === CR) break;
      queue.push({ fields: s.slice(position, end).split(delimiter), line });
      lastLine = line;
      line++;
      if (end === length) position = length;
      else if (s.charCodeAt(end) === CR && s.charCodeAt(end + 1) === LF) position = end + 2;
      else position = end + 1;
    }
    return position;
  }

  /** Hands the text from `start` on, and everything after, to csv-parse. */
  async function switchToCsvParse(s: string, start: number): Promise<void> {
    const parser = createRecordParser(delimiter, caller, {
      firstLine: line,
      crlfBefore: crlfSeen,
      maxRecordChars,
    });
    fallback = parser;
    buffer = '';
    await forward(s.slice(start));
  }

  /** Parses the unfinished record, the held text and `text` (counted in `pending` after the call). */
  async function parseWith(text: string): Promise<void> {
    const before = queue.length;
    const s = buffer.length === 0 ? text : buffer + takeHeld() + text;
    const rest = parse(s, false);
    if (rest < 0) return switchToCsvParse(s, -1 - rest);
    buffer = rest === s.length ? '' : s.slice(rest);
    pending = queue.length > before ? buffer.length : pending + text.length;
    if (pending > maxRecordChars) {
      throw recordTooLong(caller, maxRecordChars, lastLine + 1, buffer);
    }
  }

  /** The held text, joined, and holds nothing more. */
  function takeHeld(): string {
    const text = held.length === 0 ? '' : held.join('');
    held = [];
    heldLength = 0;
    return text;
  }

  async function forward(text: string): Promise<void> {
    const parser = fallback!;
    try {
      await parser.write(text);
    } finally {
      for (const entry of parser.queue) queue.push(entry);
      parser.queue.length = 0;
    }
  }

  return {
    queue,
    /**
     * Parses one chunk of text; its records are in `queue` when the promise settles, unless the
     * chunk is held behind a long unfinished record (`flush` and `end` parse it).
     */
    async write(text: string): Promise<void> {
      if (text.length === 0) return;
      if (fallback !== undefined) return forward(text);
      if (heldLength + text.length < buffer.length && pending + text.length <= maxRecordChars) {
        held.push(text);
        heldLength += text.length;
        pending += text.length;
        return;
      }
      return parseWith(text);
    },
    /** Parses the text held back now, so that its complete records are in `queue`. */
    async flush(): Promise<void> {
      if (fallback === undefined && heldLength > 0) await parseWith('');
    },
    /** Parses what is left; the last records are in `queue` when the promise settles. */
    async end(): Promise<void> {
      if (fallback === undefined) {
        const s = buffer + takeHeld();
        buffer = '';
        const rest = parse(s, true);
        if (rest < 0) await switchToCsvParse(s, -1 - rest);
        else return;
      }
      const parser = fallback!;
      try {
        await parser.end();
      } finally {
        for (const entry of parser.queue) queue.push(entry);
        parser.queue.length = 0;
      }
    },
    destroy(): void {
      fallback?.destroy();
    },
    /** Physical lines read so far (after `end`, every line break of the text). */
    linesRead(): number {
      return line - 1;
    },
    /** Whether csv-parse took over (a malformed record was met). */
    handedOver(): boolean {
      return fallback !== undefined;
    },
    /**
     * Whether the text written so far ends at a record boundary, with nothing held back: then a
     * simple line (no quote, no carriage return but before its line feed) may be read elsewhere
     * and passed over with {@link skipLine}.
     */
    idle(): boolean {
      return fallback === undefined && buffer.length === 0;
    },
    /**
     * Counts one simple record line that was read elsewhere, leaving the state as if it had been
     * written and its record taken from the queue. Only when {@link idle}.
     */
    skipLine(): void {
      lastLine = line;
      line++;
      pending = 0;
    },
  };
}
