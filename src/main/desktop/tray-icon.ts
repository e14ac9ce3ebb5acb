import fs from 'node:fs';
import path from 'node:path';
import { nativeImage, type NativeImage } from 'electron';
import { fallbackIconPng } from './fallback-icon';

/**
 * The tray's icon: the app icon (build/icon.png, from the packaging) when this checkout or the
 * installed app has it, else one drawn by fallback-icon.ts. Trays want small images: 16 px on
 * macOS's menu bar, 32 px elsewhere (Linux panels and Windows scale it down).
 */
export function trayIcon(appRoot: string, platform: NodeJS.Platform): NativeImage {
  const size = platform === 'darwin' ? 16 : 32;
  const candidates = [path.join(appRoot, 'build', 'icon.png'), path.join(process.resourcesPath ?? appRoot, 'icon.png')];
  for (const file of candidates) {
    if (!fs.existsSync(file)) continue;
    const image = nativeImage.createFromPath(file);
    if (!image.isEmpty()) return image.resize({ width: size, height: size });
  }
  const image = nativeImage.createFromBuffer(fallbackIconPng(size));
  image.addRepresentation({ scaleFactor: 2, buffer: fallbackIconPng(size * 2) });
  return image;
}
