/**
 * HTML → PDF with a headless Chromium-based browser started as a child process (the shipped CLI
 * cannot use playwright-core, a devDependency). The desktop app prints the same HTML through
 * Electron's webContents.printToPDF instead (main/ipc/pdf.ts).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../core/errors';

/** Prints one self-contained HTML document to PDF bytes. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'msedge'];

/** Known install locations, tried after $PATH. The Debian binary comes first: its /usr/bin wrapper only adds noise. */
function knownLocations(env: NodeJS.ProcessEnv): string[] {
  const pf = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((x): x is string => !!x);
  return [
    '/usr/lib/chromium/chromium', '/usr/lib/chromium-browser/chromium-browser', '/snap/bin/chromium', '/opt/google/chrome/chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ...pf.flatMap((p) => [join(p, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(p, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), join(p, 'Chromium', 'Application', 'chrome.exe')]),
  ];
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser to print with: `explicit` (--browser) when given, else $MWB_BROWSER, else the Debian
 * Chromium binary, else the first of chromium / chromium-browser / google-chrome … on $PATH, else
 * known install locations. Errors say what was tried and how to fix it.
 */
export function findBrowser(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit !== undefined) {
    if (!isExecutableFile(explicit)) throw new InputError(`--browser ${explicit}: not an executable file`);
    return explicit;
  }
  if (env.MWB_BROWSER) {
    if (!isExecutableFile(env.MWB_BROWSER)) throw new InputError(`MWB_BROWSER=${env.MWB_BROWSER}: not an executable file`);
    return env.MWB_BROWSER;
  }
  if (isExecutableFile('/usr/lib/chromium/chromium')) return '/usr/lib/chromium/chromium';
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const name of NAMES) for (const dir of dirs) for (const ext of exts) if (isExecutableFile(join(dir, name + ext))) return join(dir, name + ext);
  for (const p of knownLocations(env)) if (isExecutableFile(p)) return p;
  throw new InputError(`no Chromium-based browser found (looked for ${NAMES.join(', ')} on PATH and in the usual install folders); ` +
    'install Chromium (Debian/Ubuntu: apt-get install chromium) or pass --browser PATH');
}

/** Headless flags: no network, no profile sync, no GPU; the sandbox is off because CI containers often run as root. */
export const CHROMIUM_PDF_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--disable-extensions', '--disable-default-apps', '--mute-audio', '--no-pdf-header-footer', '--print-to-pdf-no-header',
];

/** A printer that runs `browser --headless --print-to-pdf` on a temporary copy of the HTML. */
export function chromiumPdfPrinter(options: { browser?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): PdfPrinter {
  return async (html) => {
    const browser = findBrowser(options.browser, options.env);
    const dir = mkdtempSync(join(tmpdir(), 'mwb-pdf-'));
    try {
      const htmlPath = join(dir, 'report.html');
      const pdfPath = join(dir, 'report.pdf');
      writeFileSync(htmlPath, html, 'utf8');
      const args = [...CHROMIUM_PDF_FLAGS, `--user-data-dir=${join(dir, 'profile')}`, `--print-to-pdf=${pdfPath}`, pathToFileURL(htmlPath).href];
      const { code, stderr } = await runBrowser(browser, args, options.timeoutMs ?? 120_000);
      if (!existsSync(pdfPath)) {
        throw new Error(`${browser} did not write a PDF (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' | ').slice(0, 500)}`);
      }
      const bytes = readFileSync(pdfPath);
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`${browser} wrote a file that is not a PDF`);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

function runBrowser(browser: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(browser, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      stderr = (stderr + d).slice(-20_000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${browser} did not finish printing within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${browser}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}
