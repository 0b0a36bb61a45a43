/**
 * Bytes → text for a list file whose encoding nobody states: UTF-8 with or without a BOM,
 * or GBK/GB18030 (what Excel writes for Chinese CSVs) — decided per row, never guessed wrong
 * silently. Streaming and bounded: no more than the detection window and one line are held.
 *
 * The bytes are cut into lines at LF (a byte that is never part of a multi-byte character in
 * either encoding) and each line is decoded by itself:
 * - ASCII reads the same in both.
 * - The file's own encoding is settled by a UTF-8 BOM, or else by the lines with non-ASCII
 *   bytes in the first {@link DETECT_BYTES} from the first of them: GB18030 when more of
 *   them are not valid UTF-8 than are, UTF-8 otherwise. One GBK row does not turn a UTF-8
 *   file into GBK.
 * - In a UTF-8 file, a line that is not valid UTF-8 is read as GB18030 only when that gives
 *   Chinese text, and the import's report says which lines were (see {@link described});
 *   otherwise its bad bytes become U+FFFD and the caller rejects the row as undecodable. A
 *   line cut in the middle of a character (a truncated file) is undecodable, not GB18030.
 * - In a GB18030 file, a line that is valid UTF-8 with Chinese text in it is read as UTF-8,
 *   and reported likewise.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/** Bytes examined, from the first non-ASCII byte, before deciding between UTF-8 and GB18030. */
export const DETECT_BYTES = 64 * 1024;

/** A line longer than this is decoded in pieces (its row is too long for the import anyway). */
const MAX_LINE_BYTES = 1024 * 1024;

/** Line numbers kept for the report of rows read in the other encoding. */
const REPORTED_LINES = 10;

/** What a file turned out to be. `ascii`: no byte ≥ 0x80 at all (valid as either). */
export type ListEncoding = 'ascii' | 'utf-8' | 'utf-8-bom' | 'gb18030';

const BOM = [0xef, 0xbb, 0xbf];
const LF = 0x0a;

function isAscii(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** Valid UTF-8 but for an incomplete character at the very end (a file cut mid-character). */
function isCutUtf8(bytes: Buffer): boolean {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === LF || bytes[end - 1] === 0x0d)) end -= 1;
  for (let back = 1; back <= 3 && back <= end; back++) {
    const b = bytes[end - back]!;
    if (b < 0x80) return false;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back && isUtf8(bytes.subarray(0, end - back));
    }
  }
  return false;
}

// Han ideographs (URO and extension A) and the punctuation Chinese text uses with them.
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;
const NOT_CHINESE_TEXT = /[^\t\r\n\x20-\x7e\u00b7\u2010-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uffe5]/;

/** Whether decoded text is Chinese text: some Han, nothing but ASCII, Han and CJK punctuation. */
function isChineseText(text: string): boolean {
  return HAN.test(text) && !NOT_CHINESE_TEXT.test(text);
}

/** Decodes one file; `write` each chunk in order, then `end`. */
export class ListDecoder {
  private mode: 'undecided' | 'utf-8' | 'gb18030' = 'undecided';
  private chosen: ListEncoding = 'ascii';
  private started = false;
  private line: Buffer[] = [];
  private lineBytes = 0;
  /** Lines held while undecided (from the first non-ASCII one), with their line numbers. */
  private held: Array<{ bytes: Buffer; no: number }> = [];
  private heldBytes = 0;
  private lineNo = 0;
  private otherRows = 0;
  private readonly otherLines: number[] = [];

  /** The file's encoding (`ascii` until a non-ASCII byte has been seen). */
  get encoding(): ListEncoding {
    return this.chosen;
  }

  /** Lines read in the other encoding than the file's, with the first few line numbers. */
  get otherEncoding(): { rows: number; lines: number[]; as: 'gb18030' | 'utf-8' } | null {
    if (this.otherRows === 0) return null;
    return { rows: this.otherRows, lines: [...this.otherLines], as: this.mode === 'gb18030' ? 'utf-8' : 'gb18030' };
  }

  /** The encoding as the import's report states it, naming rows read in the other one. */
  get described(): string {
    const o = this.otherEncoding;
    if (!o) return this.chosen;
    const more = o.rows > o.lines.length ? ', …' : '';
    return `${this.chosen}; ${o.rows} row${o.rows === 1 ? '' : 's'} read as ${o.as} (line${o.lines.length === 1 ? '' : 's'} ${o.lines.join(', ')}${more})`;
  }

  write(chunk: Buffer): string {
    if (!this.started) {
      // A BOM needs three bytes; a shorter start that could still be one waits for more.
      const start = Buffer.concat([...this.line, chunk]);
      if (start.length < 3 && BOM.slice(0, start.length).every((b, i) => start[i] === b)) {
        this.line = [start];
        this.lineBytes = start.length;
        return '';
      }
      this.line = [];
      this.lineBytes = 0;
      this.started = true;
      if (start.length >= 3 && BOM.every((b, i) => start[i] === b)) {
        this.decide('utf-8-bom');
        chunk = start.subarray(3);
      } else chunk = start;
    }
    let out = '';
    let from = 0;
    let tried = false;
    for (;;) {
      const lf = chunk.indexOf(LF, from);
      if (lf < 0) break;
      out += this.takeLine(chunk.subarray(from, lf + 1));
      from = lf + 1;
      if (this.mode === 'utf-8' && !tried) {
        // The whole lines left in a UTF-8 file's chunk, at once when they are valid UTF-8: each
        // of them on its own would be (LF is never inside a character) and reads the same.
        // Tried once per chunk; otherwise line by line, as before.
        tried = true;
        const last = chunk.lastIndexOf(LF);
        if (last < from) continue;
        const lines = chunk.subarray(from, last + 1);
        if (!isUtf8(lines)) continue;
        for (let i = lines.indexOf(LF); i >= 0; i = lines.indexOf(LF, i + 1)) this.lineNo += 1;
        out += lines.toString('utf8');
        from = last + 1;
        break;
      }
    }
    if (from < chunk.length) {
      this.line.push(chunk.subarray(from));
      this.lineBytes += chunk.length - from;
      if (this.lineBytes > MAX_LINE_BYTES) out += this.takeLine(Buffer.alloc(0));
    }
    return out;
  }

  end(): string {
    if (!this.started) {
      this.started = true;
      const start = Buffer.concat(this.line);
      this.line = [];
      this.lineBytes = 0;
      if (start.length) this.write(start);
    }
    let out = this.lineBytes > 0 ? this.takeLine(Buffer.alloc(0)) : '';
    if (this.mode === 'undecided' && this.held.length) out += this.settle();
    return out;
  }

  /** A whole line (or the end of one) has arrived: decode it, or hold it while undecided. */
  private takeLine(tail: Buffer): string {
    const bytes = this.lineBytes ? Buffer.concat([...this.line, tail]) : tail;
    this.line = [];
    this.lineBytes = 0;
    this.lineNo += 1;
    if (this.mode !== 'undecided') return this.decodeLine(bytes, this.lineNo);
    if (this.held.length === 0 && isAscii(bytes)) return bytes.toString('latin1');
    this.held.push({ bytes, no: this.lineNo });
    this.heldBytes += bytes.length;
    return this.heldBytes >= DETECT_BYTES ? this.settle() : '';
  }

  /** Decides the file's encoding from the held lines, then decodes them. */
  private settle(): string {
    let valid = 0;
    let invalid = 0;
    for (const { bytes } of this.held) {
      if (isAscii(bytes)) continue;
      if (isUtf8(bytes) || isCutUtf8(bytes)) valid += 1;
      else invalid += 1;
    }
    this.decide(invalid > valid ? 'gb18030' : 'utf-8');
    const out = this.held.map(({ bytes, no }) => this.decodeLine(bytes, no)).join('');
    this.held = [];
    this.heldBytes = 0;
    return out;
  }

  private decodeLine(bytes: Buffer, no: number): string {
    if (isAscii(bytes)) return bytes.toString('latin1');
    if (this.mode === 'gb18030') {
      if (isUtf8(bytes)) {
        const text = bytes.toString('utf8');
        if (isChineseText(text)) return this.other(text, no);
      }
      return iconv.decode(bytes, 'gb18030');
    }
    if (isUtf8(bytes) || isCutUtf8(bytes)) return bytes.toString('utf8');
    const gb = iconv.decode(bytes, 'gb18030');
    if (isChineseText(gb)) return this.other(gb, no);
    return bytes.toString('utf8');
  }

  private other(text: string, no: number): string {
    this.otherRows += 1;
    if (this.otherLines.length < REPORTED_LINES) this.otherLines.push(no);
    return text;
  }

  private decide(encoding: Exclude<ListEncoding, 'ascii'>): void {
    this.chosen = encoding;
    this.mode = encoding === 'gb18030' ? 'gb18030' : 'utf-8';
  }
}
