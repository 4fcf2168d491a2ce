/**
 * Parses RFC 4180 CSV text into rows of fields: fields may be quoted with `"`, a quote inside a
 * quoted field is written `""`, and quoted fields may hold commas and line breaks. Lines end in
 * LF or CRLF; a leading byte-order mark is dropped; a trailing line break does not add a row.
 * Throws when a quoted field is never closed.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let isRowStarted = false;
  const length = text.length;
  while (index < length) {
    const char = text[index];
    if (char === '"' && field === '') {
      // Quoted field: read up to the closing quote, turning "" into ".
      index += 1;
      const start = index;
      let value = '';
      let segmentStart = start;
      for (;;) {
        const close = text.indexOf('"', index);
        if (close === -1)
          throw new Error(`Unclosed quoted CSV field starting at offset ${start - 1}.`);
        if (text[close + 1] === '"') {
          value += text.slice(segmentStart, close + 1);
          index = close + 2;
          segmentStart = index;
          continue;
        }
        value += text.slice(segmentStart, close);
        index = close + 1;
        break;
      }
      field = value;
      isRowStarted = true;
      // Anything between the closing quote and the next delimiter is kept verbatim (lenient).
      while (
        index < length &&
        text[index] !== ',' &&
        text[index] !== '\n' &&
        text[index] !== '\r'
      ) {
        field += text[index];
        index += 1;
      }
      continue;
    }
    if (char === ',') {
      row.push(field);
      field = '';
      isRowStarted = true;
      index += 1;
      continue;
    }
    if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      isRowStarted = false;
      continue;
    }
    const next = findNextSpecial(text, index);
    field += text.slice(index, next);
    isRowStarted = true;
    index = next;
  }
  if (isRowStarted || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function findNextSpecial(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    // ',' '\n' '\r'
    if (code === 44 || code === 10 || code === 13) return index;
    index += 1;
  }
  return index;
}
