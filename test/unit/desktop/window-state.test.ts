import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, placeWindow, WindowStateStore, type WindowState } from '../../../src/main/desktop/window-state';
import { tempDir } from '../../helpers/temp-dir';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const laptopWork = { x: 0, y: 25, width: 1920, height: 1055 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1440 };
const saved = (bounds: WindowState['bounds']): WindowState => ({ bounds, maximized: false, view: '' });

describe('WindowStateStore (window-state.json in userData)', () => {
  it('starts empty, writes once moves stop, and a new store (the next start) reads it back', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'window-state.json');
    const store = new WindowStateStore(dir, 50);
    expect(store.get()).toEqual({ bounds: null, maximized: false, view: '' });

    for (let x = 100; x < 150; x += 10) store.saveSoon({ bounds: { x, y: 80, width: 1100, height: 700 } });
    // Held in memory at once, on disk only after the debounce.
    expect(store.get().bounds?.x).toBe(140);
    await expect.poll(() => fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).bounds.x, { timeout: 10_000 }).toBe(140);

    store.saveNow({ maximized: true, view: '?view=sender' });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ bounds: { x: 140, y: 80, width: 1100, height: 700 }, maximized: true, view: '?view=sender' });
    expect(new WindowStateStore(dir).get()).toEqual({ bounds: { x: 140, y: 80, width: 1100, height: 700 }, maximized: true, view: '?view=sender' });
  });

  it('saveNow on close wins over a pending debounced write', async () => {
    const dir = tempDir();
    const store = new WindowStateStore(dir, 100);
    store.saveSoon({ bounds: { x: 1, y: 1, width: 800, height: 600 } });
    store.saveNow({ bounds: { x: 2, y: 2, width: 800, height: 600 } });
    await new Promise((r) => setTimeout(r, 300)); // past the debounce: the cancelled write must not land
    expect(new WindowStateStore(dir).get().bounds?.x).toBe(2);
  });

  it('falls back to defaults on a truncated, hand-broken or out-of-range file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'window-state.json');
    for (const text of ['{"bounds": {"x": 1', 'null', '{"bounds":{"x":0,"y":0,"width":5,"height":5},"maximized":false,"view":""}', '{"bounds":null,"maximized":"yes","view":""}']) {
      fs.writeFileSync(file, text);
      expect(new WindowStateStore(dir).get(), text).toEqual({ bounds: null, maximized: false, view: '' });
    }
  });

  it('never leaves a half-written file: the write goes through a temp file and a rename', () => {
    const dir = tempDir();
    new WindowStateStore(dir).saveNow({ view: '?q=x' });
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']);
  });
});

describe('placeWindow', () => {
  it('puts the window back where it was while that is on a connected display', () => {
    const bounds = { x: 2200, y: 100, width: 1200, height: 800 };
    expect(placeWindow(saved(bounds), [laptop, rightMonitor], laptopWork)).toEqual(bounds);
    // Straddling two displays is fine.
    const straddling = { x: 1500, y: 100, width: 1000, height: 700 };
    expect(placeWindow(saved(straddling), [laptop, rightMonitor], laptopWork)).toEqual(straddling);
  });

  it('centres the default size on the primary display when the monitor it was on is unplugged', () => {
    const onUnplugged = { x: 2200, y: 100, width: 1200, height: 800 };
    expect(placeWindow(saved(onUnplugged), [laptop], laptopWork)).toEqual({
      x: (1920 - DEFAULT_SIZE.width) / 2,
      y: 25 + Math.round((1055 - DEFAULT_SIZE.height) / 2),
      ...DEFAULT_SIZE,
    });
  });

  it('does not restore a window whose title bar is off-screen or that shows only a sliver', () => {
    const centred = placeWindow(saved(null), [laptop], laptopWork);
    expect(placeWindow(saved({ x: 100, y: -500, width: 1000, height: 800 }), [laptop], laptopWork)).toEqual(centred);
    expect(placeWindow(saved({ x: 1880, y: 100, width: 1000, height: 800 }), [laptop], laptopWork)).toEqual(centred);
    expect(placeWindow(saved({ x: 100, y: 1060, width: 1000, height: 800 }), [laptop], laptopWork)).toEqual(centred);
  });

  it('shrinks the default to a small screen', () => {
    const small = { x: 0, y: 0, width: 1024, height: 700 };
    expect(placeWindow(saved(null), [small], small)).toEqual({ x: 0, y: 0, width: 1024, height: 700 });
  });
});
