// Reading a PDF back for report tests: text through poppler's pdftotext, pages through pdftoppm as
// greyscale PGM (a trivially parsed format: "P5 w h maxval" then w·h bytes).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const hasPoppler = (): boolean => spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;

export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

export function pdfInfo(path: string): Record<string, string> {
  const text = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Object.fromEntries(text.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** Parses a binary PGM (P5, maxval < 256). */
export function parsePgm(bytes: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const fields: string[] = [];
  let i = 0;
  const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
  while (fields.length < 4) {
    while (isSpace(bytes[i])) i++;
    if (bytes[i] === 0x23) { // '#' comment to end of line
      while (bytes[i] !== 0x0a) i++;
      continue;
    }
    let j = i;
    while (!isSpace(bytes[j])) j++;
    fields.push(Buffer.from(bytes.subarray(i, j)).toString('latin1'));
    i = j;
  }
  i++; // the single whitespace after maxval
  if (fields[0] !== 'P5' || Number(fields[3]) > 255) throw new Error(`not an 8-bit binary PGM (${fields.join(' ')})`);
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { width, height, pixels: bytes.subarray(i, i + width * height) };
}

/** Share of non-white pixels (grey level below `threshold`) on each page, rendered at `dpi`. */
export function inkPerPage(path: string, dpi = 40, threshold = 200): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'mwb-pgm-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', path, join(dir, 'page')]);
    return readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort().map((f) => {
      const { width, height, pixels } = parsePgm(readFileSync(join(dir, f)));
      let ink = 0;
      for (const p of pixels) if (p < threshold) ink++;
      return ink / (width * height);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
