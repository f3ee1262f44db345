import { InputError } from '../../core/errors';

/**
 * Text-level helpers for price CSV files: physical lines, comma splitting, encoding checks and
 * the one error shape every rejection uses (`<file> line <n>: <what> "<value>"`).
 */

/** Longest field accepted anywhere in a price file (a decimal needs far fewer characters). */
export const MAX_FIELD_CHARS = 64;

/** Whole lines (headers, malformed rows) are quoted up to this many characters. */
const MAX_QUOTED_LINE_CHARS = 200;

/** `"value"` for messages: JSON-escaped (NUL shows as \u0000), cut after `maxChars` with "…". */
export function quote(value: string, maxChars = MAX_FIELD_CHARS): string {
  return value.length > maxChars ? `${JSON.stringify(value.slice(0, maxChars))}…` : JSON.stringify(value);
}

/** `quote` for a whole line. */
export function quoteLine(line: string): string {
  return quote(line, MAX_QUOTED_LINE_CHARS);
}

export function lineError(fileName: string, lineNumber: number, detail: string): InputError {
  return new InputError(`${fileName} line ${lineNumber}: ${detail}`);
}

/**
 * A decoder that met bytes that are not UTF-8 leaves U+FFFD; binary files (zip, xlsx, gzip,
 * UTF-16) carry NUL bytes. Either means the file is not the text we expect.
 */
export function assertTextLine(line: string, lineNumber: number, fileName: string): void {
  const bad = line.indexOf('\u0000') >= 0 ? '\u0000' : line.indexOf('\uFFFD') >= 0 ? '\uFFFD' : undefined;
  if (bad !== undefined) {
    throw lineError(fileName, lineNumber,
      `not UTF-8 text: found ${quote(bad)} at column ${line.indexOf(bad) + 1} (binary file or wrong encoding?)`);
  }
}

function isBlankCode(code: number): boolean {
  return code === 10 || code === 13 || code === 32 || code === 9;
}

/**
 * Visit the physical lines of a file without holding them all: a leading UTF-8 BOM is dropped,
 * `\r\n` and `\n` both end a line, and trailing blank lines (the usual final newline, or several)
 * are not visited. Line numbers are 1-based physical lines. Returns the number of lines visited.
 */
export function forEachPhysicalLine(
  text: string,
  visit: (line: string, lineNumber: number, isLastLine: boolean) => void,
): number {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let end = text.length;
  while (end > start && isBlankCode(text.charCodeAt(end - 1))) end -= 1;
  let lineNumber = 0;
  let from = start;
  while (from < end) {
    const newline = text.indexOf('\n', from);
    const stop = newline < 0 || newline >= end ? end : newline;
    const cut = stop > from && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
    lineNumber += 1;
    visit(text.slice(from, cut), lineNumber, stop === end);
    from = stop + 1;
  }
  return lineNumber;
}

/** The first `count` physical lines (see forEachPhysicalLine), e.g. for format detection. */
export function headLines(text: string, count: number): string[] {
  const lines: string[] = [];
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let from = start;
  while (lines.length < count && from <= text.length) {
    const newline = text.indexOf('\n', from);
    const stop = newline < 0 ? text.length : newline;
    lines.push(text.slice(from, stop > from && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop));
    from = stop + 1;
  }
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

/**
 * Fields of one comma-separated line. Plain lines (no `"`) take the fast path; quoted fields
 * follow RFC 4180 (`""` inside quotes is one quote). Returns undefined for a malformed quote
 * (unterminated, or text after a closing quote): a quoted newline cannot occur in these formats.
 */
export function splitCsvLine(line: string): string[] | undefined {
  if (line.indexOf('"') < 0) return line.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = line.indexOf('"', j);
        if (close < 0) return undefined;
        value += line.slice(j, close);
        if (line.charCodeAt(close + 1) === 34) {
          value += '"';
          j = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line.charCodeAt(i) !== 44) return undefined;
      i += 1;
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      const value = line.slice(i, end);
      if (value.indexOf('"') >= 0) return undefined;
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

/** A delimiter other than the comma that a line uses, if any (for "mixed delimiter" messages). */
export function foreignDelimiter(line: string): string | undefined {
  if (line.indexOf(';') >= 0) return ';';
  if (line.indexOf('\t') >= 0) return '\t';
  if (line.indexOf('|') >= 0) return '|';
  return undefined;
}
