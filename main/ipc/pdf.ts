// Electron glue (like register.ts): prints report HTML with the app's own Chromium, so the desktop
// app needs no separate browser for PDF export. Kept thin; everything it prints is built and tested
// under plain Node (main/services/reports). Not imported by tests: `electron` cannot load there.
import { BrowserWindow } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfPrinter } from '../services/reports/pdf';

/**
 * A PdfPrinter for the reports service: loads the self-contained report HTML (from a temporary file:
 * large data: URLs are refused by Chromium) into a hidden, sandboxed window with JavaScript off, and
 * prints it with webContents.printToPDF honouring the report's CSS @page size (A4).
 */
export function electronPdfPrinter(): PdfPrinter {
  return async (html) => {
    const dir = mkdtempSync(join(tmpdir(), 'mwb-print-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html, 'utf8');
    const win = new BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, spellcheck: false },
    });
    try {
      await win.loadFile(file);
      const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      win.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
