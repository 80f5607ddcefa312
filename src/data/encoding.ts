/**
 * Bytes → text with a declared encoding. UTF-8 is strict: a byte sequence that is not UTF-8 is an
 * {@link InputError} naming the first line that holds one (a Latin-1 file read as UTF-8 would otherwise turn
 * every accented id into U+FFFD and merge distinct patients silently). Pure: no file system.
 */
import { InputError } from '../errors.js';

/** Encodings `--encoding` accepts. `latin1` is ISO-8859-1; `windows-1252` adds € and curly quotes. */
export const INPUT_ENCODINGS = ['utf8', 'latin1', 'windows-1252', 'utf16le'] as const;
export type InputEncoding = (typeof INPUT_ENCODINGS)[number];

const LABEL: Record<InputEncoding, string> = { utf8: 'utf-8', latin1: 'iso-8859-1', 'windows-1252': 'windows-1252', utf16le: 'utf-16le' };

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
    // latin1 is decoded byte for byte (WHATWG maps the label iso-8859-1 to windows-1252)
    if (encoding === 'latin1') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return new TextDecoder(LABEL[encoding]).decode(bytes);
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
