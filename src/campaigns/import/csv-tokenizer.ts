/**
 * A streaming CSV tokenizer (RFC 4180 and the usual leniencies), fed decoded text in chunks
 * of any size. Pure: no I/O.
 *
 * Why not csv-parse: with `max_record_size` and `skip_records_with_error`, csv-parse 7 stops
 * parsing the chunk at the oversized record and never recovers — every later row of the
 * file is lost without a word, the one thing a list import must not do. Here an oversized
 * record is skipped to its end (quotes still tracked, nothing more kept in memory) and
 * reported as one `too-long` event with its line numbers, and parsing goes on.
 *
 * - Records end at LF, CRLF or a lone CR outside quotes; each event carries the physical
 *   line (1-based) where its record starts, counting line breaks inside quoted values.
 * - `"…"` quotes a value (delimiters, line breaks and `""` for a quote inside). A quote in
 *   the middle of an unquoted value, or text after a closing quote, is kept literally.
 * - A blank line is a record with one empty field (the caller counts it, never skips it).
 * - A quote still open at the end of the input gives an `unclosed-quote` event.
 */

export type CsvEvent =
  | { kind: 'record'; line: number; fields: string[] }
  | { kind: 'too-long'; line: number; endLine: number; chars: number; head: string }
  | { kind: 'unclosed-quote'; line: number; endLine: number; chars: number; head: string };

/** Options of {@link CsvTokenizer}. */
export interface CsvTokenizerOptions {
  /** One character; default `,`. */
  delimiter?: string;
  /** Largest record kept: characters of its values and delimiters (not quote marks); longer ones become `too-long`. Default 65 536. */
  maxRecordChars?: number;
  /** How much of a too-long or unclosed record to keep for the report. Default 200. */
  headChars?: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export class CsvTokenizer {
  private readonly delim: number;
  private readonly delimiter: string;
  private readonly max: number;
  private readonly headChars: number;

  private fields: string[] = [];
  private field = '';
  private quoted = false;
  /** A quote inside quotes was the last character of the previous chunk: `""` or the closing quote? */
  private quotePending = false;
  private afterCR = false;
  /** The current record has content (a character or a delimiter). */
  private started = false;
  private chars = 0;
  private oversize = false;
  private head = '';
  private line = 1;
  private recordLine = 1;
  /** The input so far ends with a line break. */
  private endsWithBreak = false;

  constructor(options: CsvTokenizerOptions = {}) {
    this.delimiter = options.delimiter ?? ',';
    if (this.delimiter.length !== 1 || ['"', '\r', '\n'].includes(this.delimiter)) {
      throw new RangeError(`delimiter must be one character other than a quote or line break, got ${JSON.stringify(this.delimiter)}`);
    }
    this.delim = this.delimiter.charCodeAt(0);
    this.max = options.maxRecordChars ?? 65_536;
    this.headChars = options.headChars ?? 200;
  }

  /** Physical lines seen so far (the line the tokenizer is on). */
  get currentLine(): number {
    return this.line;
  }

  /** Tokenizes a chunk; complete records are pushed to `out`. */
  write(text: string, out: CsvEvent[]): void {
    const n = text.length;
    let i = 0;
    let seg = 0;
    if (this.quotePending && n > 0) {
      this.quotePending = false;
      if (text.charCodeAt(0) === QUOTE) {
        this.append('"');
        i = 1;
        seg = 1;
      } else {
        this.quoted = false;
      }
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      const afterCR = this.afterCR;
      this.afterCR = c === CR;
      if (this.quoted) {
        if (c === QUOTE) {
          this.take(text, seg, i);
          if (i + 1 === n) {
            this.quotePending = true;
            i += 1;
          } else if (text.charCodeAt(i + 1) === QUOTE) {
            this.append('"');
            i += 2;
          } else {
            this.quoted = false;
            i += 1;
          }
          seg = i;
          continue;
        }
        if (c === CR || (c === LF && !afterCR)) this.line += 1;
        i += 1;
        continue;
      }
      if (c === this.delim) {
        this.take(text, seg, i);
        this.endField();
        i += 1;
        seg = i;
        continue;
      }
      if (c === CR || c === LF) {
        if (c === LF && afterCR) {
          // The LF of a CRLF whose CR already ended the record.
          i += 1;
          seg = i;
          continue;
        }
        this.take(text, seg, i);
        this.endRecord(out);
        this.line += 1;
        this.recordLine = this.line;
        i += 1;
        seg = i;
        continue;
      }
      if (c === QUOTE && seg === i && this.field.length === 0 && !this.oversize) {
        this.quoted = true;
        this.started = true;
        i += 1;
        seg = i;
        continue;
      }
      this.started = true;
      i += 1;
    }
    this.take(text, seg, n);
    if (n > 0) {
      const last = text.charCodeAt(n - 1);
      this.endsWithBreak = last === CR || last === LF;
    }
  }

  /** Ends the input: flushes the last record (a file need not end with a line break). */
  end(out: CsvEvent[]): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.quoted = false;
    }
    if (this.quoted) {
      // A line break at the very end closes the last line rather than starting another.
      const endLine = this.endsWithBreak ? this.line - 1 : this.line;
      out.push({ kind: 'unclosed-quote', line: this.recordLine, endLine, chars: this.chars, head: this.currentHead() });
      this.reset();
      return;
    }
    if (this.started || this.fields.length > 0 || this.field !== '' || this.oversize) this.endRecord(out);
  }

  private take(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.started = true;
    this.chars += to - from;
    if (this.oversize) return;
    this.field += text.slice(from, to);
    if (this.chars > this.max) this.becomeOversize();
  }

  private append(s: string): void {
    this.started = true;
    this.chars += s.length;
    if (this.oversize) return;
    this.field += s;
    if (this.chars > this.max) this.becomeOversize();
  }

  private endField(): void {
    this.started = true;
    this.chars += 1;
    if (this.oversize) return;
    this.fields.push(this.field);
    this.field = '';
    if (this.chars > this.max) this.becomeOversize();
  }

  private currentHead(): string {
    if (this.oversize) return this.head;
    return [...this.fields, this.field].join(this.delimiter).slice(0, this.headChars);
  }

  private becomeOversize(): void {
    this.head = this.currentHead();
    this.oversize = true;
    this.fields = [];
    this.field = '';
  }

  private endRecord(out: CsvEvent[]): void {
    if (this.oversize) {
      out.push({ kind: 'too-long', line: this.recordLine, endLine: this.line, chars: this.chars, head: this.head });
    } else {
      this.fields.push(this.field);
      out.push({ kind: 'record', line: this.recordLine, fields: this.fields });
    }
    this.reset();
  }

  private reset(): void {
    this.fields = [];
    this.field = '';
    this.started = false;
    this.chars = 0;
    this.oversize = false;
    this.head = '';
  }
}
