import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import Papa from 'papaparse';
import { InputError } from '../../core/errors';
import { assertTextLine, lineError, quoteLine, splitCsvLine } from './text';

/**
 * The rows of a CSV file, streamed: fs.createReadStream → a line guard → papaparse (its Node stream
 * input) → one callback per physical line. Memory stays bounded by the read buffer and one line:
 * nothing holds the file, and the caller keeps no per-row objects.
 *
 * Physical lines are numbered as `forEachPhysicalLine` numbers them (./text.ts): a leading BOM is
 * dropped, `\n` and `\r\n` end a line, blank lines at the end are not visited and a blank line
 * inside the data is visited (so the row checks reject it with their usual message).
 */

export interface StreamRowsOptions {
  /** Shown in messages (`<fileName> line <n>: …`). */
  fileName: string;
  /** 1-based physical line of the first data row; earlier lines (banner, header) are skipped. */
  firstDataLine: number;
  /** Bytes read so far, called every few megabytes and at the end. */
  onProgress?: (bytesRead: number) => void;
}

export interface StreamRowsResult {
  /** Physical lines up to the last one that is not blank (as `forEachPhysicalLine` counts them). */
  lines: number;
  /** Data rows visited. */
  rows: number;
  bytes: number;
}

/**
 * Visit one data row: fields as papaparse split them (untrimmed), the physical line, and whether no
 * data row follows (only sharpens the "truncated last line" message).
 */
export type RowVisitor = (fields: string[], lineNumber: number, isLastLine: boolean) => void;

/** A line this long is not a price row; refusing it bounds the memory one line can take. */
export const MAX_LINE_CHARS = 1 << 20;

interface LineGuard {
  stream: Transform;
  /** The line the guard stopped at, if any: raised once every row before it has been checked. */
  problem(): InputError | undefined;
}

/**
 * Passes only whole lines on to the parser and drops a leading BOM. It stops at a line whose quotes
 * are not RFC 4180 (`splitCsvLine`), or a line longer than MAX_LINE_CHARS, before the parser sees
 * it: a stray quote would make any CSV parser read the rest of the file as one quoted field, i.e.
 * hold the file in memory, and shift every line number after it (price files never need a quoted
 * line break). The rows before that line still reach the parser, so an earlier bad row is reported
 * first, as the whole-file parser reports it.
 */
function lineGuard(fileName: string, onStop: () => void): LineGuard {
  let carry = '';
  let lineNumber = 0;
  let first = true;
  let problem: InputError | undefined;

  /** Offset of the first line of `text` with malformed quotes (setting `problem`), or -1. */
  function malformedQuotesAt(text: string): number {
    let from = 0;
    while (from < text.length) {
      const newline = text.indexOf('\n', from);
      const stop = newline < 0 ? text.length : newline;
      lineNumber += 1;
      const quoteAt = text.indexOf('"', from);
      if (quoteAt < 0) {
        // No quote in the rest of the text: count its lines and finish.
        for (let at = text.indexOf('\n', stop + 1); at >= 0; at = text.indexOf('\n', at + 1)) lineNumber += 1;
        return -1;
      }
      if (quoteAt < stop) {
        const line = text.slice(from, stop > from && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop);
        if (splitCsvLine(line) === undefined) {
          // The row checks look at the encoding first; so does this message.
          try {
            assertTextLine(line, lineNumber, fileName);
            problem = lineError(fileName, lineNumber, `malformed quotes in ${quoteLine(line)}`);
          } catch (err) {
            problem = err as InputError;
          }
          return from;
        }
      }
      from = stop + 1;
    }
    return -1;
  }

  function pass(stream: Transform, text: string): void {
    if (text === '') return;
    const bad = malformedQuotesAt(text);
    if (bad >= 0) {
      if (bad > 0) stream.push(text.slice(0, bad), 'utf8');
      process.nextTick(onStop);
      return;
    }
    stream.push(text, 'utf8');
  }

  const stream = new Transform({
    decodeStrings: false,
    encoding: 'utf8',
    transform(chunk: string | Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      if (problem !== undefined) {
        done();
        return;
      }
      let text = carry + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      const lastNewline = text.lastIndexOf('\n');
      carry = lastNewline < 0 ? text : text.slice(lastNewline + 1);
      if (lastNewline >= 0) pass(this, text.slice(0, lastNewline + 1));
      if (problem === undefined && carry.length > MAX_LINE_CHARS) {
        problem = lineError(fileName, lineNumber + 1, `line is longer than ${MAX_LINE_CHARS} characters (not a price CSV)`);
        carry = '';
        process.nextTick(onStop);
      }
      done();
    },
    flush(done: TransformCallback) {
      // The last line without its newline: pass it as a line of its own.
      if (problem === undefined && carry !== '') pass(this, `${carry}\n`);
      carry = '';
      done();
    },
  });
  return { stream, problem: () => problem };
}

function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0].trim() === '';
}

/** Streams `path` and calls `visit` for every data row; rejects with the first error (an InputError for bad content). */
export function streamCsvRows(path: string, options: StreamRowsOptions, visit: RowVisitor): Promise<StreamRowsResult> {
  return new Promise((resolve, reject) => {
    const source = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 18 });
    // Stop reading once the guard met a line it will not pass on; the parser finishes what it has.
    const guarded = lineGuard(options.fileName, () => {
      source.unpipe(guard);
      source.destroy();
      guard.end();
    });
    const guard = guarded.stream;
    let settled = false;
    let lineNumber = 0;
    let rows = 0;
    // One row is held back so the last data row can be told it is last.
    let pending: string[] | undefined;
    let pendingLine = 0;
    let blankLine = 0;
    let lastTextLine = 0;
    let nextProgress = 0;

    const stop = (err: unknown): void => {
      if (settled) return;
      settled = true;
      source.destroy();
      guard.destroy();
      reject(err instanceof InputError ? err : fileError(err, options.fileName));
    };
    const flushPending = (isLastLine: boolean): void => {
      if (pending === undefined) return;
      rows += 1;
      visit(pending, pendingLine, isLastLine);
      pending = undefined;
    };

    source.on('error', stop);
    guard.on('error', stop);
    source.pipe(guard);
    Papa.parse<string[], Transform>(guard, {
      delimiter: ',',
      newline: '\n',
      quoteChar: '"',
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
      step(results, parser) {
        if (settled) return;
        lineNumber += 1;
        try {
          const fields = results.data;
          // `\r\n` ends a line too: the parser split on `\n` and left the `\r` on the last field.
          const last = fields[fields.length - 1];
          if (last.charCodeAt(last.length - 1) === 13) fields[fields.length - 1] = last.slice(0, -1);
          if (isBlank(fields)) {
            if (blankLine === 0 && lineNumber >= options.firstDataLine) blankLine = lineNumber;
            return;
          }
          lastTextLine = lineNumber;
          if (lineNumber < options.firstDataLine) return;
          flushPending(false);
          // A blank line followed by data is inside the data: the row checks reject it by its number.
          if (blankLine !== 0) {
            visit([''], blankLine, false);
            blankLine = 0;
          }
          pending = fields;
          pendingLine = lineNumber;
          if (options.onProgress && source.bytesRead >= nextProgress) {
            options.onProgress(source.bytesRead);
            nextProgress = source.bytesRead + (8 << 20);
          }
        } catch (err) {
          // Settle first: abort() calls `complete` synchronously.
          stop(err);
          parser.abort();
        }
      },
      complete() {
        if (settled) return;
        try {
          const problem = guarded.problem();
          if (problem !== undefined) {
            flushPending(false);
            if (blankLine !== 0) visit([''], blankLine, false);
            throw problem;
          }
          // The whole-file parser drops blanks at the end of the file, also those ending the last line.
          if (pending !== undefined) {
            const last = pending.length - 1;
            pending[last] = pending[last].replace(/[ \t\r\n]+$/, '');
          }
          flushPending(true);
          options.onProgress?.(source.bytesRead);
          settled = true;
          resolve({ lines: lastTextLine, rows, bytes: source.bytesRead });
        } catch (err) {
          stop(err);
        }
      },
      error(err: Error) {
        stop(err);
      },
    });
  });
}

/** A read failure (missing file, directory, permissions) as an InputError naming the file. */
function fileError(err: unknown, fileName: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string') return new InputError(`cannot read ${fileName}: ${code}`);
  return err;
}
