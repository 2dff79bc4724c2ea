// Renders resources/icon.svg into the icon set electron-builder packages:
// resources/icons/<N>x<N>.png (Linux), resources/icon.png, resources/icon.ico
// (Windows: PNG entries, 16-256) and resources/icon.icns (macOS: PNG entries,
// 16-1024). Each size is rasterised from the SVG by headless Chromium, not
// scaled down from a large PNG, so small sizes stay sharp.
//
//   node scripts/render-icons.mjs        (CHROMIUM=/path/to/chromium to override)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** icns element types holding PNG data, by pixel size (the @2x types share sizes with the 1x ones). */
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['icp6', 64],
  ['ic12', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic13', 256],
  ['ic09', 512],
  ['ic14', 512],
  ['ic10', 1024],
];

function render(svgUrl, size, work) {
  const page = join(work, `icon-${size}.html`);
  writeFileSync(
    page,
    `<!doctype html><html><body style="margin:0;background:transparent"><img src="${svgUrl}" style="display:block;width:${size}px;height:${size}px"></body></html>`,
  );
  const output = join(work, `${size}.png`);
  const result = spawnSync(
    chromium,
    ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--default-background-color=00000000', `--window-size=${size},${size}`, `--screenshot=${output}`, pathToFileURL(page).href],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  if (result.status !== 0) throw new Error(`Chromium could not render ${size}x${size}: ${result.stderr}`);
  const png = readFileSync(output);
  if (png.readUInt32BE(16) !== size || png.readUInt32BE(20) !== size) throw new Error(`Chromium rendered the wrong size for ${size}x${size}`);
  return png;
}

function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * ICO_SIZES.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(ICO_SIZES.length, 4);
  let offset = header.length;
  ICO_SIZES.forEach((size, index) => {
    const entry = 6 + 16 * index;
    const png = pngs.get(size);
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...ICO_SIZES.map((size) => pngs.get(size))]);
}

function icns(pngs) {
  const elements = ICNS_TYPES.map(([type, size]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + pngs.get(size).length, 4);
    return Buffer.concat([head, pngs.get(size)]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + elements.reduce((total, element) => total + element.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}

const work = mkdtempSync(join(tmpdir(), 'recruiter-desk-icons-'));
try {
  const svgUrl = pathToFileURL(join(resources, 'icon.svg')).href;
  const pngs = new Map(SIZES.map((size) => [size, render(svgUrl, size, work)]));
  mkdirSync(join(resources, 'icons'), { recursive: true });
  for (const [size, png] of pngs) writeFileSync(join(resources, 'icons', `${size}x${size}.png`), png);
  writeFileSync(join(resources, 'icon.png'), pngs.get(1024));
  writeFileSync(join(resources, 'icon.ico'), ico(pngs));
  writeFileSync(join(resources, 'icon.icns'), icns(pngs));
  console.log(`Rendered ${SIZES.length} sizes, icon.ico and icon.icns into ${resources}.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
