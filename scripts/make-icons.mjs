// Renders build/icon.svg into the PNGs electron-builder packs: build/icon.png (1024x1024, from which
// it derives the macOS .icns and the Windows .ico) and build/icons/NxN.png (the Linux hicolor sizes
// for AppImage and deb). Uses Debian's Chromium through playwright-core, the browser the tests drive,
// so no image library is needed. Run after editing the SVG: `npm run icons`, then commit the PNGs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(root, 'build');
// Linux's hicolor theme stops at 512; the 1024 master is build/icon.png alone.
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512];

const svg = fs.readFileSync(path.join(buildDir, 'icon.svg'));
const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  // The same flags as test/helpers/chromium.ts: keep it off the (closed) network.
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  fs.mkdirSync(path.join(buildDir, 'icons'), { recursive: true });
  for (const size of [...LINUX_SIZES, 1024]) {
    // The SVG is drawn at each size (not a downscaled 1024 bitmap), so small sizes stay crisp.
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
    await page.locator('img').evaluate((img) => img.decode());
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    const file = size === 1024 ? path.join(buildDir, 'icon.png') : path.join(buildDir, 'icons', `${size}x${size}.png`);
    fs.writeFileSync(file, png);
    await page.close();
  }
  console.log(`Wrote build/icon.png and build/icons/{${LINUX_SIZES.map((s) => `${s}x${s}`).join(',')}}.png`);
} finally {
  await browser.close();
}
