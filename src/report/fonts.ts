/**
 * The chart font, shipped inside an npm package so labels never vanish on a bare machine.
 *
 * resvg (PNG rendering) reads only TrueType/OpenType files, and `@fontsource/dejavu-sans` ships WOFF/WOFF2.
 * WOFF 1.0 is an sfnt whose tables are zlib-compressed one by one, so {@link woffToSfnt} rebuilds the TTF with
 * `node:zlib` and {@link chartFontFiles} caches it in the OS temp folder. The HTML report embeds the WOFF2 as a
 * data URL so a browser shows the same glyphs without network or installed fonts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

/** The family name used in every chart spec and in the report's CSS. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF_HEADER_BYTES = 44;
const WOFF_DIR_ENTRY_BYTES = 20;
const SFNT_HEADER_BYTES = 12;
const SFNT_DIR_ENTRY_BYTES = 16;

/** A file of the font package, as an absolute path. */
export function fontPackageFile(name: string): string {
  return fileURLToPath(import.meta.resolve(`@fontsource/dejavu-sans/files/${name}`));
}

/**
 * Convert a WOFF 1.0 font to the sfnt (TTF/OTF) bytes it wraps (WOFF 1.0 spec, W3C 2012, sections 4–5).
 * Cost: O(font size).
 * @example
 * woffToSfnt(readFileSync('x.woff')).readUInt32BE(0) === 0x00010000; // TrueType flavour
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.length < WOFF_HEADER_BYTES || woff.readUInt32BE(0) !== WOFF_SIGNATURE) throw new Error('woffToSfnt: not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const o = WOFF_HEADER_BYTES + i * WOFF_DIR_ENTRY_BYTES;
    return { tag: woff.readUInt32BE(o), offset: woff.readUInt32BE(o + 4), compLength: woff.readUInt32BE(o + 8), origLength: woff.readUInt32BE(o + 12), checksum: woff.readUInt32BE(o + 16) };
  });
  const padded = (n: number) => (n + 3) & ~3;
  let size = SFNT_HEADER_BYTES + SFNT_DIR_ENTRY_BYTES * numTables;
  for (const t of tables) size += padded(t.origLength);
  const out = Buffer.alloc(size);
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  let pow2 = 1;
  let log2 = 0;
  while (pow2 * 2 <= numTables) {
    pow2 *= 2;
    log2++;
  }
  out.writeUInt16BE(pow2 * 16, 6);
  out.writeUInt16BE(log2, 8);
  out.writeUInt16BE(numTables * 16 - pow2 * 16, 10);
  let offset = SFNT_HEADER_BYTES + SFNT_DIR_ENTRY_BYTES * numTables;
  tables.forEach((t, i) => {
    const raw = woff.subarray(t.offset, t.offset + t.compLength);
    const data = t.compLength < t.origLength ? inflateSync(raw) : raw;
    if (data.length !== t.origLength) throw new Error(`woffToSfnt: table ${i} inflates to ${data.length} bytes, expected ${t.origLength}`);
    const entry = SFNT_HEADER_BYTES + SFNT_DIR_ENTRY_BYTES * i;
    out.writeUInt32BE(t.tag, entry);
    out.writeUInt32BE(t.checksum, entry + 4);
    out.writeUInt32BE(offset, entry + 8);
    out.writeUInt32BE(t.origLength, entry + 12);
    data.copy(out, offset);
    offset += padded(t.origLength);
  });
  return out;
}

let cachedFiles: string[] | undefined;

/**
 * TrueType files of the chart font (regular and bold), converted once and cached in the temp folder under a
 * content hash, so parallel workers share them. Cost: ~50 ms the first time in a process, O(1) after.
 */
export function chartFontFiles(): string[] {
  if (cachedFiles) return cachedFiles;
  const files: string[] = [];
  for (const weight of ['400', '700']) {
    const woff = readFileSync(fontPackageFile(`dejavu-sans-latin-${weight}-normal.woff`));
    const hash = createHash('sha256').update(woff).digest('hex').slice(0, 16);
    const dir = join(tmpdir(), 'carestrata-fonts');
    const path = join(dir, `DejaVuSans-${weight}-${hash}.ttf`);
    if (!existsSync(path)) {
      mkdirSync(dir, { recursive: true });
      const tmp = `${path}.tmp-${process.pid}-${Math.floor(performance.now())}`;
      writeFileSync(tmp, woffToSfnt(woff));
      renameSync(tmp, path);
    }
    files.push(path);
  }
  cachedFiles = files;
  return files;
}

/** The regular weight as a `data:` URL (WOFF2) for the HTML report's `@font-face`. Cost: O(font size). */
export function chartFontDataUrl(): string {
  const woff2 = readFileSync(fontPackageFile('dejavu-sans-latin-400-normal.woff2'));
  return `data:font/woff2;base64,${woff2.toString('base64')}`;
}
