/** A quoted CSV field that was never closed. */
export class CsvSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** An incremental RFC 4180 parser: feed it text in chunks of any size, read complete rows back. */
export type CsvParser = {
  /** Parses `chunk` and returns the rows it completed. */
  push(chunk: string): string[][];
  /** Ends the input: returns the last row if it had no line break. Throws {@link CsvSyntaxError} on an unclosed quote. */
  end(): string[][];
};

// Parser states between characters.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3; // a `"` inside a quoted field: `""` or the closing quote
const AFTER_CLOSE = 4; // text after the closing quote, kept verbatim (lenient)

/**
 * Creates a {@link CsvParser}: fields may be quoted with `"`, a quote inside a quoted field is
 * written `""`, and quoted fields may hold commas and line breaks. Lines end in LF or CRLF (also
 * when a chunk ends between the two); a leading byte-order mark is dropped; a trailing line break
 * does not add a row. Memory holds one row at a time, so a file of any size can be streamed.
 */
export function createCsvParser(): CsvParser {
  let state = FIELD_START;
  let field = '';
  let row: string[] = [];
  let isRowStarted = false;
  let isFirstChunk = true;
  let skipLineFeed = false;
  let quotedStartRow = 0;
  let rowNumber = 1;

  const endRow = (rows: string[][]): void => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
    isRowStarted = false;
    state = FIELD_START;
    rowNumber += 1;
  };

  const push = (chunk: string): string[][] => {
    const rows: string[][] = [];
    let index = 0;
    if (isFirstChunk && chunk.length > 0) {
      isFirstChunk = false;
      if (chunk.charCodeAt(0) === 0xfeff) index = 1;
    }
    const length = chunk.length;
    while (index < length) {
      const code = chunk.charCodeAt(index);
      if (skipLineFeed) {
        skipLineFeed = false;
        if (code === 10) {
          index += 1;
          continue;
        }
      }
      if (state === QUOTED) {
        const close = chunk.indexOf('"', index);
        if (close === -1) {
          field += chunk.slice(index);
          break;
        }
        field += chunk.slice(index, close);
        state = QUOTE_IN_QUOTED;
        index = close + 1;
        continue;
      }
      if (state === QUOTE_IN_QUOTED) {
        if (code === 34) {
          field += '"';
          state = QUOTED;
          index += 1;
          continue;
        }
        state = AFTER_CLOSE;
      }
      if (code === 44) {
        row.push(field);
        field = '';
        isRowStarted = true;
        state = FIELD_START;
        index += 1;
        continue;
      }
      if (code === 10 || code === 13) {
        endRow(rows);
        skipLineFeed = code === 13;
        index += 1;
        continue;
      }
      if (state === FIELD_START && code === 34) {
        state = QUOTED;
        quotedStartRow = rowNumber;
        isRowStarted = true;
        index += 1;
        continue;
      }
      // Plain text up to the next delimiter.
      let next = index;
      while (next < length) {
        const special = chunk.charCodeAt(next);
        if (special === 44 || special === 10 || special === 13) break;
        next += 1;
      }
      field += chunk.slice(index, next);
      isRowStarted = true;
      if (state === FIELD_START) state = UNQUOTED;
      index = next;
    }
    return rows;
  };

  const end = (): string[][] => {
    if (state === QUOTED)
      throw new CsvSyntaxError(
        `Unclosed quoted CSV field starting in row ${quotedStartRow} (counting the header as row 1).`,
      );
    const rows: string[][] = [];
    if (isRowStarted || field !== '' || row.length > 0) endRow(rows);
    return rows;
  };

  return { push, end };
}

/** Parses a whole CSV text into rows of fields; see {@link createCsvParser}. */
export function parseCsv(text: string): string[][] {
  const parser = createCsvParser();
  return [...parser.push(text), ...parser.end()];
}
