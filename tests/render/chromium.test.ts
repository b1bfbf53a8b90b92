import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../e2e/run-bin.js';
import { FAMILY } from '../family.js';

/**
 * The fixtures' HTML report in Debian's headless Chromium: the screenshot must show something and
 * the page must log nothing to the console. Skipped where Chromium is missing, except in CI.
 */
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const installed = existsSync(CHROMIUM);

interface Shot {
  png: Buffer;
  /** Every console message the page produced, as Chromium logs them on stderr (`:CONSOLE`). */
  console: string[];
}

const work = mkdtempSync(join(tmpdir(), 'chronology-chromium-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** One headless Chromium run with a fresh profile and no network, screenshotting a local file. */
function screenshot(html: string, name: string): Promise<Shot> {
  const page = join(work, `${name}.html`);
  const png = join(work, `${name}.png`);
  writeFileSync(page, html);
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND', `--user-data-dir=${join(work, `${name}-profile`)}`,
    '--enable-logging=stderr', '--v=0', `--screenshot=${png}`, '--window-size=1280,2000', pathToFileURL(page).href,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: 45_000, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error && !existsSync(png)) return reject(new Error(`chromium failed: ${error.message}\n${stderr}`));
      resolve({ png: readFileSync(png), console: stderr.split('\n').filter((line) => line.includes(':CONSOLE')) });
    });
  });
}

/** Decodes an 8-bit RGB or RGBA PNG (what Chromium writes) into rows of pixel bytes. */
function decodePng(png: Buffer): { width: number; height: number; channels: number; pixels: Buffer } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect({ depth: data[8], interlace: data[12] }).toEqual({ depth: 8, interlace: 0 });
      channels = { 2: 3, 6: 4 }[data[9]!] ?? 0;
      expect(channels, `PNG colour type ${data[9]}`).toBeGreaterThan(0);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const p = left + up - upLeft;
      const paeth =
        Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft)
          ? left
          : Math.abs(p - up) <= Math.abs(p - upLeft)
            ? up
            : upLeft;
      const predicted = [0, left, up, (left + up) >> 1, paeth][filter];
      if (predicted === undefined) throw new Error(`unknown PNG filter ${filter}`);
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** How much of the screenshot is drawn: pixels that are not white, and distinct colours. */
function ink(png: Buffer): { nonWhite: number; share: number; colours: number } {
  const { width, height, channels, pixels } = decodePng(png);
  const colours = new Set<number>();
  let nonWhite = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
    colours.add((r << 16) | (g << 8) | b);
    if (r < 250 || g < 250 || b < 250) nonWhite += 1;
  }
  return { nonWhite, share: nonWhite / (width * height), colours: colours.size };
}

/** A page that fails both checks: it draws nothing and throws. */
const BROKEN_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>broken</title></head>' +
  '<body><script>noSuchFunction();</script></body></html>';

describe.skipIf(!installed && !process.env.CI)('the HTML report in headless Chromium', () => {
  it('renders a screenshot that is not blank, and the page logs no console errors', async () => {
    if (!installed) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium`);
    const brokenShot = screenshot(BROKEN_PAGE, 'broken');
    const output = join(work, 'report.html');
    const run = runBin(['analyse', ...FAMILY, '--format', 'html', '-o', output]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const [report, broken] = await Promise.all([screenshot(readFileSync(output, 'utf8'), 'report'), brokenShot]);

    // The checks catch a broken page, so their passing on the report means something.
    expect(broken.console.join('\n')).toMatch(/Uncaught ReferenceError: noSuchFunction/);
    expect(ink(broken.png).nonWhite).toBe(0);

    expect(report.console).toEqual([]);
    const drawn = ink(report.png);
    expect(drawn.share).toBeGreaterThan(0.03);
    expect(drawn.colours).toBeGreaterThan(50);
  }, 60_000);
});
