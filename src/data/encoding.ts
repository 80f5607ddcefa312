/**
 * Bytes → text with a declared encoding. UTF-8 is strict: a byte sequence that is not UTF-8 is an
 * {@link InputError} naming the first line that holds one (a Latin-1 file read as UTF-8 would otherwise turn
 * every accented id into U+FFFD and merge distinct patients silently). Pure: no file system.
 */
import { InputError } from '../errors.js';

/** Encodings `--encoding` accepts. `latin1` is ISO-8859-1; `windows-1252` adds € and curly quotes. */
export const INPUT_ENCODINGS = ['utf8', 'latin1', 'windows-1252', 'utf16le'] as const;
export type InputEncoding = (typeof INPUT_ENCODINGS)[number];

/**
 * Windows-1252 at 0x80–0x9F (the rest is Latin-1); 0 where the code page has no character. Written out
 * because Node's TextDecoder decodes the label `windows-1252` as Latin-1 (0x80 → U+0080, not €).
 */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! || b : b));
    out += String.fromCharCode(...chunk);
  }
  return out;
}

/** 1-based line of the first byte sequence that is not UTF-8. O(bytes). */
function firstBadLine(bytes: Uint8Array): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      strict.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line;
}

/**
 * Decode `bytes` as `encoding`; a UTF-8 BOM is kept for the CSV reader to drop. Throws {@link InputError}
 * (exit 2) for bytes that are not UTF-8 when `encoding` is `utf8`. Cost: O(bytes).
 * @example
 * decodeText(new Uint8Array([0x4a, 0xe9]), 'x.csv', 'latin1'); // 'Jé'
 */
export function decodeText(bytes: Uint8Array, file: string, encoding: InputEncoding = 'utf8'): string {
  if (encoding !== 'utf8') {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (encoding === 'latin1') return buffer.toString('latin1');
    if (encoding === 'utf16le') return buffer.toString('utf16le');
    return decodeCp1252(bytes);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const row = firstBadLine(bytes);
    throw new InputError([{ code: 'not_utf8', file, row, message: 'bytes that are not UTF-8 (save the file as UTF-8, or pass --encoding latin1 or windows-1252)' }]);
  }
}

/** True when `name` is one of {@link INPUT_ENCODINGS}. */
export function isInputEncoding(name: string): name is InputEncoding {
  return (INPUT_ENCODINGS as readonly string[]).includes(name);
}
