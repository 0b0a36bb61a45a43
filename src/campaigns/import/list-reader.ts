/**
 * A list file as a stream of CSV events: bytes → (sniffed, hashed, counted) → decoded text
 * → tokenized records. Holds at most one chunk, the decoder's detection window and the
 * record being read, whatever the size of the file.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { Errors } from '../../errors.js';
import { CsvTokenizer, type CsvEvent } from './csv-tokenizer.js';
import { ListDecoder } from './list-decoder.js';
import { SNIFF_BYTES, sniffHead } from './sniff.js';

/** Options of {@link ListReader}. */
export interface ListReaderOptions {
  delimiter: string;
  maxRecordChars: number;
  /** Compute the sha256 of the bytes as they pass (for sources whose hash is not known). */
  hash: boolean;
}

/** One pass over a list's bytes, as CSV events. */
export class ListReader {
  readonly decoder = new ListDecoder();
  private readonly tokenizer: CsvTokenizer;
  private readonly hasher: Hash | null;
  private digest: string | null = null;
  private read = 0;

  constructor(
    private readonly stream: Readable,
    options: ListReaderOptions,
  ) {
    this.tokenizer = new CsvTokenizer({ delimiter: options.delimiter, maxRecordChars: options.maxRecordChars });
    this.hasher = options.hash ? createHash('sha256') : null;
  }

  /** Bytes consumed so far. */
  get bytesRead(): number {
    return this.read;
  }

  /** The sha256 of the whole input, once it has been read to the end (when hashing). */
  get sha256(): string | null {
    return this.digest;
  }

  /**
   * The events of each chunk, in order (an empty batch is possible), the last batch at the
   * end of the input. Refuses input that is not text (its first chunk) with ImportNotText.
   */
  async *events(): AsyncGenerator<CsvEvent[]> {
    let first = true;
    for await (const chunk of this.stream as AsyncIterable<Buffer>) {
      if (first) {
        first = false;
        const sniff = sniffHead(chunk.subarray(0, SNIFF_BYTES));
        if (!sniff.text) throw new Errors.ImportNotText(sniff.reason);
      }
      this.read += chunk.length;
      this.hasher?.update(chunk);
      const out: CsvEvent[] = [];
      this.tokenizer.write(this.decoder.write(chunk), out);
      yield out;
    }
    const out: CsvEvent[] = [];
    this.tokenizer.write(this.decoder.end(), out);
    this.tokenizer.end(out);
    if (this.hasher) this.digest = this.hasher.digest('hex');
    yield out;
  }

  /** Stops reading (the pending `events()` iteration throws `reason`). */
  destroy(reason: Error): void {
    this.stream.destroy(reason);
  }
}

/** Reads the first bytes of a file and refuses it (ImportNotText) when it is not text. */
export async function sniffFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const sniff = sniffHead(buffer.subarray(0, bytesRead));
    if (!sniff.text) throw new Errors.ImportNotText(sniff.reason);
  } finally {
    await handle.close();
  }
}

/** sha256 (hex) and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
