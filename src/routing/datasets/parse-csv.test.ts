import { describe, expect, it } from 'vitest';
import { createCsvParser, parseCsv } from './parse-csv.js';
import { parsePythonStringList } from './parse-python-string-list.js';

describe('parseCsv', () => {
  it('splits plain fields and rows, with LF or CRLF endings', () => {
    expect(parseCsv('a,b\r\n1,2\n3,\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', ''],
    ]);
  });

  it('keeps commas, escaped quotes and line breaks inside quoted fields', () => {
    const text = 'prompt,score\n"Say ""hi"", then\nwrite, a line",1\n"",0';
    expect(parseCsv(text)).toEqual([
      ['prompt', 'score'],
      ['Say "hi", then\nwrite, a line', '1'],
      ['', '0'],
    ]);
  });

  it('drops a byte-order mark and handles a last row without a line break', () => {
    expect(parseCsv('\uFEFFx,y\n1,"2"')).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });

  it('throws on an unclosed quote, naming the row it started in', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/Unclosed quoted CSV field starting in row 2/);
  });
});

describe('createCsvParser', () => {
  it('gives the same rows for a text cut into chunks anywhere', () => {
    const text = '\uFEFFid,prompt\r\n1,"say ""hi"",\r\nthen"\r\n2,plain\r\n3,"x"y\n4,';
    const whole = parseCsv(text);
    expect(whole).toEqual([
      ['id', 'prompt'],
      ['1', 'say "hi",\r\nthen'],
      ['2', 'plain'],
      ['3', 'xy'],
      ['4', ''],
    ]);
    for (let size = 1; size <= text.length; size += 1) {
      const parser = createCsvParser();
      const rows: string[][] = [];
      for (let start = 0; start < text.length; start += size)
        rows.push(...parser.push(text.slice(start, start + size)));
      rows.push(...parser.end());
      expect(rows).toEqual(whole);
    }
  });
});

describe('parsePythonStringList', () => {
  it('parses single- and double-quoted elements with escapes', () => {
    expect(parsePythonStringList(`['it\\'s', "say \\"x\\"\\n", 'tab\\there']`)).toEqual([
      "it's",
      'say "x"\n',
      'tab\there',
    ]);
  });

  it('returns undefined for text that is not a list literal', () => {
    expect(parsePythonStringList('plain text')).toBeUndefined();
    expect(parsePythonStringList("['unterminated]")).toBeUndefined();
  });
});
