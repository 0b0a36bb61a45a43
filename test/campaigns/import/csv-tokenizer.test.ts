import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvEvent, type CsvTokenizerOptions } from '../../../src/campaigns/import/csv-tokenizer.js';

/** Tokenizes `chunks` in order. */
function tokenize(chunks: string[], options: CsvTokenizerOptions = {}): CsvEvent[] {
  const t = new CsvTokenizer(options);
  const out: CsvEvent[] = [];
  for (const c of chunks) t.write(c, out);
  t.end(out);
  return out;
}

/** Every split of `text` into 1-character chunks and into two parts at each position. */
function splits(text: string): string[][] {
  const all: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) all.push([text.slice(0, i), text.slice(i)]);
  return all;
}

const records = (events: CsvEvent[]) => events.map((e) => (e.kind === 'record' ? [e.line, ...e.fields] : [e.line, e.kind]));

describe('CsvTokenizer', () => {
  it('reads quoted delimiters, doubled quotes and line breaks inside quotes, counting physical lines', () => {
    const text = 'a,b\r\n"x,1","say ""hi"""\n"two\nlines",z\rlast,row';
    for (const chunks of splits(text)) {
      expect(records(tokenize(chunks))).toEqual([
        [1, 'a', 'b'],
        [2, 'x,1', 'say "hi"'],
        [3, 'two\nlines', 'z'],
        [5, 'last', 'row'],
      ]);
    }
  });

  it('reports blank lines as records with one empty field, and no record after a final line break', () => {
    expect(records(tokenize(['h\n\nx\n\r\n\n']))).toEqual([[1, 'h'], [2, ''], [3, 'x'], [4, ''], [5, '']]);
    expect(records(tokenize(['h\nx']))).toEqual([[1, 'h'], [2, 'x']]);
    expect(records(tokenize(['']))).toEqual([]);
  });

  it('keeps a quote inside an unquoted value, and text after a closing quote, literally', () => {
    expect(records(tokenize(['5" disk,"ab"cd\n']))).toEqual([[1, '5" disk', 'abcd']]);
  });

  it('skips a row longer than the limit to its end, reports it with its lines, and reads on', () => {
    const long = 'y'.repeat(500);
    const text = `p,n\n1,ok\n2,${long}\n3,"quoted\n${long}"\n4,after\n`;
    for (const size of [1, 7, 64, 1000]) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      const events = tokenize(chunks, { maxRecordChars: 100, headChars: 10 });
      expect(events).toEqual([
        { kind: 'record', line: 1, fields: ['p', 'n'] },
        { kind: 'record', line: 2, fields: ['1', 'ok'] },
        { kind: 'too-long', line: 3, endLine: 3, chars: 502, head: '2,yyyyyyyy' },
        { kind: 'too-long', line: 4, endLine: 5, chars: 509, head: '3,quoted\ny' },
        { kind: 'record', line: 6, fields: ['4', 'after'] },
      ]);
    }
  });

  it('reports a quote never closed with the lines it swallowed', () => {
    expect(tokenize(['a\n1,"open\n2,x\n3,y\n'])).toEqual([
      { kind: 'record', line: 1, fields: ['a'] },
      { kind: 'unclosed-quote', line: 2, endLine: 4, chars: 15, head: '1,open\n2,x\n3,y\n' },
    ]);
  });

  it('takes another delimiter, and refuses impossible ones', () => {
    expect(records(tokenize(['a;b\n1;"x;y"\n'], { delimiter: ';' }))).toEqual([[1, 'a', 'b'], [2, '1', 'x;y']]);
    expect(records(tokenize(['a\tb\n'], { delimiter: '\t' }))).toEqual([[1, 'a', 'b']]);
    expect(() => new CsvTokenizer({ delimiter: '"' })).toThrow(RangeError);
    expect(() => new CsvTokenizer({ delimiter: ',,' })).toThrow(RangeError);
  });

  it('reads back any table written as RFC 4180 CSV, however it is chunked', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', '1', ',', '"', '\n', '\r\n', ' ', '号', 'é'), maxLength: 6 });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (rows, cuts, eol) => {
        const quote = (v: string) => (/[",\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v);
        const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
        const bounds = [0, ...new Set(cuts.map((c) => c % (text.length + 1))), text.length].sort((a, b) => a - b);
        const chunks = bounds.slice(1).map((end, i) => text.slice(bounds[i], end));
        const events = tokenize(chunks);
        expect(events.map((e) => (e.kind === 'record' ? e.fields : e.kind))).toEqual(rows);
        // Each record starts on the line after the previous one's last line break.
        let line = 1;
        events.forEach((e, i) => {
          expect(e.line).toBe(line);
          line += 1 + (rows[i]!.join('').match(/\r\n|\r|\n/g)?.length ?? 0);
        });
      }),
    );
  });
});
