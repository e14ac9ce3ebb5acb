import zlib from 'node:zlib';

/**
 * A small PNG drawn in code, for the tray when no app icon file is at hand (a development checkout
 * before the packaging's build/icon.png exists): a filled disc in the app's accent colour with a
 * white hook-like ring, at any size (16 and 32 px for trays, 2x for HiDPI).
 */
export function fallbackIconPng(size: number): Buffer {
  const accent = [0x4f, 0x7c, 0xff];
  const rows: Buffer[] = [];
  const c = (size - 1) / 2;
  const outer = size / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0 (none), then RGBA
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const i = 1 + x * 4;
      if (d > outer) continue; // transparent corner
      const ring = d > outer * 0.38 && d < outer * 0.62 && !(x > c && y < c);
      const [r, g, b] = ring ? [0xff, 0xff, 0xff] : accent;
      row[i] = r!;
      row[i + 1] = g!;
      row[i + 2] = b!;
      // Soft edge: the outermost pixel half transparent.
      row[i + 3] = d > outer - 1 ? 0x80 : 0xff;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}
