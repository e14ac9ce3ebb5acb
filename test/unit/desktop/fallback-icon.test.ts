import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fallbackIconPng } from '../../../src/main/desktop/fallback-icon';

/** A strict little PNG reader: signature, every chunk's CRC, IHDR, and the pixels (filter 0 rows). */
function decodePng(png: Buffer): { width: number; height: number; pixel(x: number, y: number): number[]; chunks: string[] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let header: Buffer | null = null;
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length), `${type} CRC`).toBe(zlib.crc32(png.subarray(at + 4, at + 8 + length)) >>> 0);
    chunks.push(type);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const width = header!.readUInt32BE(0);
  const height = header!.readUInt32BE(4);
  expect([header![8], header![9]]).toEqual([8, 6]); // 8-bit RGBA
  const raw = zlib.inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (1 + width * 4));
  return { width, height, chunks, pixel: (x, y) => [...raw.subarray(y * (1 + width * 4) + 1 + x * 4, y * (1 + width * 4) + 5 + x * 4)] };
}

describe('fallbackIconPng (tray icon when build/icon.png is absent)', () => {
  it.each([16, 32, 64])('is a valid %i px RGBA PNG: transparent corners, an opaque accent disc with a white ring', (size) => {
    const png = decodePng(fallbackIconPng(size));
    expect(png.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([png.width, png.height]).toEqual([size, size]);
    expect(png.pixel(0, 0)[3]).toBe(0);
    expect(png.pixel(size - 1, size - 1)[3]).toBe(0);
    const centre = Math.floor(size / 2);
    expect(png.pixel(centre, centre)).toEqual([0x4f, 0x7c, 0xff, 0xff]);
    // Half-way out on the left: the ring.
    expect(png.pixel(Math.round(size / 2 - size / 4), centre)).toEqual([0xff, 0xff, 0xff, 0xff]);
  });
});
