import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DETECT_BYTES, ListDecoder } from '../../../src/campaigns/import/list-decoder.js';
import { sniffHead } from '../../../src/campaigns/import/sniff.js';

/** Decodes `bytes` fed in chunks of `size`. */
function decode(bytes: Buffer, size: number): { text: string; encoding: string } {
  const d = new ListDecoder();
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += d.write(bytes.subarray(i, i + size));
  text += d.end();
  return { text, encoding: d.encoding };
}

const SAMPLE = '姓名,手机号\n张三,13812345678\n李四,１３９１２３４５６７８\n';

describe('ListDecoder', () => {
  it.each([1, 2, 3, 5, 4096])('detects UTF-8, UTF-8 with a BOM, GBK and plain ASCII (chunks of %i bytes)', (size) => {
    expect(decode(Buffer.from(SAMPLE, 'utf8'), size)).toEqual({ text: SAMPLE, encoding: 'utf-8' });
    expect(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]), size)).toEqual({
      text: SAMPLE,
      encoding: 'utf-8-bom',
    });
    expect(decode(iconv.encode(SAMPLE, 'gbk'), size)).toEqual({ text: SAMPLE, encoding: 'gb18030' });
    expect(decode(Buffer.from('phone\n13812345678\n'), size)).toEqual({ text: 'phone\n13812345678\n', encoding: 'ascii' });
  });

  it('decodes GB18030 four-byte characters', () => {
    const text = '名字,号码\n𠀀䶵,13812345678\n';
    expect(decode(iconv.encode(text, 'gb18030'), 7)).toEqual({ text, encoding: 'gb18030' });
  });

  it('decides at the first non-ASCII byte, however far into the file', () => {
    const ascii = `phone,note\n${'13812345678,plain\n'.repeat(Math.ceil((DETECT_BYTES * 2) / 18))}`;
    const tail = '13912345678,备注\n';
    const gbk = Buffer.concat([Buffer.from(ascii), iconv.encode(tail, 'gbk')]);
    expect(decode(gbk, 65536)).toEqual({ text: ascii + tail, encoding: 'gb18030' });
    const utf8 = Buffer.concat([Buffer.from(ascii), Buffer.from(tail)]);
    expect(decode(utf8, 65536)).toEqual({ text: ascii + tail, encoding: 'utf-8' });
  });

  it('turns bytes invalid in the chosen encoding into U+FFFD instead of dropping them', () => {
    const good = Buffer.from(`${'行'.repeat(DETECT_BYTES / 3 + 10)}\n`);
    const bytes = Buffer.concat([good, Buffer.from([0x31, 0xff, 0xfe, 0x32, 0x0a])]);
    const { text, encoding } = decode(bytes, 4096);
    expect(encoding).toBe('utf-8');
    expect(text.endsWith('1\uFFFD\uFFFD2\n')).toBe(true);
  });

  it('waits for three bytes before ruling out a BOM', () => {
    const d = new ListDecoder();
    expect(d.write(Buffer.from([0xef]))).toBe('');
    expect(d.write(Buffer.from([0xbb]))).toBe('');
    expect(d.write(Buffer.from([0xbf, 0x61, 0x0a]))).toBe('a\n');
    expect(d.encoding).toBe('utf-8-bom');
  });
});

describe('sniffHead', () => {
  it('takes UTF-8 and GBK text (CR, LF, tab) for text', () => {
    expect(sniffHead(Buffer.from(SAMPLE))).toEqual({ text: true });
    expect(sniffHead(iconv.encode(SAMPLE.replace(/\n/g, '\r\n'), 'gbk'))).toEqual({ text: true });
    expect(sniffHead(Buffer.from('a\tb\r\n'))).toEqual({ text: true });
    expect(sniffHead(Buffer.alloc(0))).toEqual({ text: true });
  });

  it.each([
    [[0x50, 0x4b, 0x03, 0x04, 0x14], 'a ZIP archive (an Excel .xlsx workbook?)'],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an old Excel .xls'],
    [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
    [[0x1f, 0x8b, 0x08], 'a gzip archive'],
    [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
    [[0xff, 0xfe, 0x61, 0x00], 'UTF-16 text'],
    [[0x61, 0x00, 0x62, 0x00], '50% NUL bytes: UTF-16 text'],
  ])('names %j', (bytes, what) => {
    const r = sniffHead(Buffer.from(bytes));
    expect(r.text).toBe(false);
    expect(r.text === false && r.reason).toContain(what);
  });

  it('refuses text full of control characters', () => {
    const r = sniffHead(Buffer.from(`${'ab'.repeat(40)}${'\x01\x02'.repeat(2)}`));
    expect(r).toEqual({ text: false, reason: 'the file is binary data, not CSV text (4 control bytes in the first 84)' });
  });
});

describe('ListDecoder, whole chunks against line by line', () => {
  /** UTF-8 lines (some ASCII) and, past the detection window, now and then a GBK or an invalid line. */
  function mixed(seed: number, lines: number): Buffer {
    let s = seed >>> 0;
    const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const parts: Buffer[] = [Buffer.from('姓名,手机号,备注\n')];
    for (let i = 0; i < lines; i++) {
      const line = `客户${i},138${String(i).padStart(8, '0')},第${i}行 note\r\n`;
      const odd = i > 2000 && rand() < 0.01;
      if (odd && rand() < 0.5) parts.push(iconv.encode(line, 'gbk'));
      else if (odd) parts.push(Buffer.concat([Buffer.from(`bad${i},`), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('\n')]));
      else if (rand() < 0.1) parts.push(Buffer.from(`ascii${i},13912345678\n`));
      else parts.push(Buffer.from(line));
    }
    parts.push(Buffer.from('最后,13712345678,没有换行'));
    return Buffer.concat(parts);
  }

  it.each([false, true])('decodes whole valid chunks exactly as byte by byte, and reports the same lines (GBK and bad lines: %s)', (odd) => {
    for (const seed of [1, 2, 3]) {
      const bytes = odd ? mixed(seed, 6000) : Buffer.from(mixed(seed, 6000).toString('utf8').replace(/\ufffd/g, '?'));
      const reference = new ListDecoder();
      let want = '';
      for (let i = 0; i < bytes.length; i++) want += reference.write(bytes.subarray(i, i + 1));
      want += reference.end();
      for (const size of [7, 1000, 65536]) {
        const d = new ListDecoder();
        let text = '';
        for (let i = 0; i < bytes.length; i += size) text += d.write(bytes.subarray(i, i + size));
        text += d.end();
        expect(text).toBe(want);
        expect(d.described).toBe(reference.described);
        if (odd) expect(d.described).toMatch(/rows? read as gb18030 \(lines? (?:[2-9]\d{3}|\d{5})/);
      }
    }
  });
});
