/**
 * Bytes → text for a list file whose encoding nobody states: UTF-8 with or without a BOM,
 * or GBK/GB18030 (what Excel writes for Chinese CSVs). Streaming and bounded: no more than
 * the detection window is ever held.
 *
 * A UTF-8 BOM settles it at once. Otherwise ASCII passes through (it reads the same in both)
 * until the first byte ≥ 0x80; from there up to {@link DETECT_BYTES} are held and checked
 * as UTF-8 with a fatal decoder: valid → UTF-8, invalid → GB18030 (a superset of GBK,
 * decoded by iconv-lite). Later bytes that are not valid in the chosen encoding become
 * U+FFFD, and the row holding them is rejected as undecodable by the caller.
 */
import iconv from 'iconv-lite';

/** Bytes examined, from the first non-ASCII byte, before deciding between UTF-8 and GB18030. */
export const DETECT_BYTES = 64 * 1024;

/** What a file turned out to be. `ascii`: no byte ≥ 0x80 at all (valid as either). */
export type ListEncoding = 'ascii' | 'utf-8' | 'utf-8-bom' | 'gb18030';

interface TextSink {
  write(bytes: Buffer): string;
  end(): string;
}

function utf8Sink(): TextSink {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  return {
    write: (bytes) => decoder.decode(bytes, { stream: true }),
    end: () => decoder.decode(),
  };
}

function gb18030Sink(): TextSink {
  const decoder = iconv.getDecoder('gb18030');
  return {
    write: (bytes) => decoder.write(bytes),
    end: () => decoder.end() ?? '',
  };
}

function isUtf8(bytes: Buffer, final: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

function firstNonAscii(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

const BOM = [0xef, 0xbb, 0xbf];

/** Decodes one file; `write` each chunk in order, then `end`. */
export class ListDecoder {
  private state: 'start' | 'ascii' | 'detecting' | 'decided' = 'start';
  private held: Buffer[] = [];
  private heldBytes = 0;
  private sink: TextSink | null = null;
  private chosen: ListEncoding = 'ascii';

  /** The encoding in use (`ascii` until a non-ASCII byte has been seen). */
  get encoding(): ListEncoding {
    return this.chosen;
  }

  write(chunk: Buffer): string {
    return this.feed(chunk, false);
  }

  end(): string {
    const text = this.feed(Buffer.alloc(0), true);
    return text + (this.sink ? this.sink.end() : '');
  }

  private feed(chunk: Buffer, final: boolean): string {
    if (this.state === 'decided') return this.sink!.write(chunk);
    if (this.state === 'start') {
      this.hold(chunk);
      const bytes = Buffer.concat(this.held);
      // A BOM needs three bytes; a shorter start that could still be one waits for more.
      if (bytes.length < 3 && !final && BOM.slice(0, bytes.length).every((b, i) => bytes[i] === b)) return '';
      this.held = [];
      this.heldBytes = 0;
      this.state = 'ascii';
      if (bytes.length >= 3 && BOM.every((b, i) => bytes[i] === b)) {
        this.decide('utf-8-bom');
        return this.sink!.write(bytes.subarray(3));
      }
      return this.feed(bytes, final);
    }
    if (this.state === 'ascii') {
      const at = firstNonAscii(chunk);
      if (at < 0) return chunk.toString('latin1');
      this.state = 'detecting';
      const ascii = chunk.toString('latin1', 0, at);
      return ascii + this.feed(chunk.subarray(at), final);
    }
    // detecting
    this.hold(chunk);
    if (this.heldBytes < DETECT_BYTES && !final) return '';
    const bytes = Buffer.concat(this.held);
    this.held = [];
    this.heldBytes = 0;
    this.decide(isUtf8(bytes, final) ? 'utf-8' : 'gb18030');
    return this.sink!.write(bytes);
  }

  private hold(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.held.push(chunk);
    this.heldBytes += chunk.length;
  }

  private decide(encoding: Exclude<ListEncoding, 'ascii'>): void {
    this.chosen = encoding;
    this.sink = encoding === 'gb18030' ? gb18030Sink() : utf8Sink();
    this.state = 'decided';
  }
}
