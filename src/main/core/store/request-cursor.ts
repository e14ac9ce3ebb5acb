import type { Position } from './repositories';

/** Opaque cursor: the (receivedAt, id) of the last row shown; opaque so the sort can change. */
export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify({ t: position.receivedAt, id: position.id })).toString('base64url');
}

export function decodeCursor(cursor: string): Position | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t?: unknown; id?: unknown };
    const ok = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
    return ok(value.t) && ok(value.id) && value.id > 0 ? { receivedAt: value.t, id: value.id } : null;
  } catch {
    return null;
  }
}
