/**
 * Is this upload CSV text at all? Looks at the first bytes of a file and names what it is
 * when it is not (an Excel workbook, a PDF, an image, UTF-16 text, other binary data), so
 * the import is refused with a reason the manager can act on. Pure: no I/O.
 */

/** How many leading bytes {@link sniffHead} wants to see (fewer is fine for a small file). */
export const SNIFF_BYTES = 64 * 1024;

export type SniffResult = { text: true } | { text: false; reason: string };

const SIGNATURES: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx workbook?); save it from Excel as "CSV UTF-8" first' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Excel .xls (or other Office) file; save it as CSV first' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive; unpack it first' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable (ELF)' },
  { bytes: [0xff, 0xfe], what: 'UTF-16 text (Excel "Unicode Text"); save it as "CSV UTF-8" instead' },
  { bytes: [0xfe, 0xff], what: 'UTF-16 text; save it as "CSV UTF-8" instead' },
];

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/**
 * Judges the head of a file. Text is UTF-8 or GB18030 (either with any BOM-less start):
 * control characters other than tab, CR, LF (and the odd form feed or escape) make up at
 * most 1% of the bytes. A stray NUL byte is treated as it would be anywhere else in the
 * file — its row is rejected as undecodable — but a head that is largely NUL bytes is UTF-16
 * text without its byte-order mark, or binary data, and refused.
 */
export function sniffHead(head: Uint8Array): SniffResult {
  for (const sig of SIGNATURES) {
    if (startsWith(head, sig.bytes)) return { text: false, reason: `the file is ${sig.what}` };
  }
  let controls = 0;
  let nuls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0) nuls += 1;
    else if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) controls += 1;
  }
  if (head.length > 0 && nuls / head.length > 0.1) {
    return { text: false, reason: `the file is ${Math.round((nuls / head.length) * 100)}% NUL bytes: UTF-16 text (save it as "CSV UTF-8") or binary data, not CSV text` };
  }
  if (head.length > 0 && controls / head.length > 0.01) {
    return { text: false, reason: `the file is binary data, not CSV text (${controls} control bytes in the first ${head.length})` };
  }
  return { text: true };
}
