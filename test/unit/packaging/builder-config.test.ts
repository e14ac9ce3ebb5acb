import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, config, inFileSet, listFiles, pkg, pngSize, validateWithElectronBuilder } from './builder-config';

/**
 * The electron-builder configuration (package.json `build`). `npm run dist` cannot run here (it
 * downloads Electron and its packaging tools), so this checks what it would be given: a schema-valid
 * configuration with the targets, identity, icons, association and native-module handling we ship.
 * That the `files` patterns match the real build output is checked in build-output.test.ts.
 */

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema, and the schema rejects a misspelt option', async () => {
    await expect(validateWithElectronBuilder(config)).resolves.toBeUndefined();
    await expect(validateWithElectronBuilder({ ...config, linux: { ...config.linux, tagret: ['deb'] } })).rejects.toThrow(/configuration/);
  });

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows, with a script for each', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(pkg.scripts.dist).toBe('npm run build && electron-builder');
    expect(pkg.scripts['dist:linux']).toBe('npm run build && electron-builder --linux');
    expect(pkg.scripts['dist:mac']).toBe('npm run build && electron-builder --mac');
    expect(pkg.scripts['dist:win']).toBe('npm run build && electron-builder --win');
  });

  it('names the app and its artifacts so each platform and architecture gets its own file', () => {
    expect(config.appId).toBe('dev.hookbench.app');
    expect(config.productName).toBe('Hookbench');
    for (const part of ['${productName}', '${version}', '${os}', '${arch}', '${ext}']) expect(config.artifactName).toContain(part);
    expect(config.linux.category).toBe('Development');
    expect(config.mac.category).toBe('public.app-category.developer-tools');
    // What the deb's Electron needs at run time, and libsecret for safeStorage (the secrets key).
    for (const lib of ['libgtk-3-0', 'libnss3', 'libnotify4', 'libsecret-1-0', 'xdg-utils']) expect(config.deb.depends).toContain(lib);
  });

  it('opens .har files as an HTTP Archive viewer', () => {
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'har', name: 'HTTP Archive', role: 'Viewer', mimeType: 'application/json' }),
    ]);
  });

  it('has square icons of the right sizes: a 1024 px master for .icns/.ico and the Linux set', () => {
    const master = path.join(ROOT, config.mac.icon);
    expect(config.win.icon).toBe(config.mac.icon);
    expect(pngSize(master)).toEqual({ width: 1024, height: 1024 });
    const linuxDir = path.join(ROOT, config.linux.icon);
    const sizes = fs
      .readdirSync(linuxDir)
      .map((name) => {
        const { width, height } = pngSize(path.join(linuxDir, name));
        // electron-builder reads the size from the name, so the name must tell the truth.
        expect(name).toBe(`${width}x${height}.png`);
        return width;
      })
      .sort((a, b) => a - b);
    expect(sizes).toEqual([16, 32, 48, 64, 128, 256, 512]);
    expect(fs.readFileSync(path.join(ROOT, 'build/icon.svg'), 'utf8')).toContain('<svg');
  });

  it('ships the icon as a resource, where the desktop tray looks for it in an installed app', () => {
    // src/main/desktop/tray-icon.ts reads <resources>/icon.png when the app has no build/ folder.
    expect(config.extraResources).toContainEqual({ from: config.mac.icon, to: 'icon.png' });
    expect(fs.existsSync(path.join(ROOT, config.extraResources[0]!.from))).toBe(true);
  });

  it('rebuilds better-sqlite3 for Electron and keeps its .node file outside the asar archive', () => {
    expect(pkg.dependencies['better-sqlite3']).toBeDefined();
    expect(config.npmRebuild).toBe(true);
    const natives = listFiles(path.join(ROOT, 'node_modules/better-sqlite3'), 'node_modules/better-sqlite3').filter((f) => f.endsWith('.node'));
    expect(natives).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    for (const file of natives) expect(config.asarUnpack.some((pattern) => path.matchesGlob(file, pattern)), file).toBe(true);
  });

  it('packs the built app only: no sources, tests, benchmarks, scripts or source maps', () => {
    expect(inFileSet(pkg.main, config.files)).toBe(true);
    for (const wanted of ['out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc.js']) {
      expect(inFileSet(wanted, config.files), wanted).toBe(true);
    }
    const sampled = ['src', 'test', 'bench', 'scripts', 'docs', 'deploy', 'build'].flatMap((dir) => listFiles(path.join(ROOT, dir), dir));
    expect(sampled.length).toBeGreaterThan(100);
    expect(sampled.filter((file) => inFileSet(file, config.files))).toEqual([]);
    for (const unwanted of ['out/main/index.js.map', 'README.md', 'native/electron/better_sqlite3.node', 'Dockerfile']) {
      expect(inFileSet(unwanted, config.files), unwanted).toBe(false);
    }
  });
});
