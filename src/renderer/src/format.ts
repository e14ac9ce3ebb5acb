import type { DriftDifference } from '../../shared/contracts/drift';
import type { RequestDetail, RequestSummary } from '../../shared/request-schemas';

/** Small display helpers for the inbox and the detail view. */

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86400)}d ago`;
}

export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour12: false });
}

const DRIFT_WORDS: Record<DriftDifference['kind'], string> = {
  new_field: 'new field',
  missing_field: 'missing field',
  type_changed: 'type changed',
  new_enum_value: 'new value',
};

/** One schema difference as a line a reader understands: `type changed data.amount: integer → string`. */
export function driftLine(d: DriftDifference): string {
  const what = `${DRIFT_WORDS[d.kind]} ${d.path}`;
  if (d.expected !== null && d.actual !== null && d.kind === 'type_changed') return `${what}: ${d.expected} → ${d.actual}`;
  // A new field or value is described by what came; a missing one by what was expected.
  const detail = d.actual ?? d.expected;
  return detail === null ? what : `${what}: ${detail}`;
}

type Captured = Pick<RequestSummary, 'clientAddress' | 'viaTunnel' | 'status'>;

/** Imported from a HAR or a cURL command rather than captured (the core marks those so). */
export const isImported = (r: Captured): boolean => r.clientAddress === 'import' && !r.viaTunnel;

/** The answered status, or for an import without a recorded response "imported" (0 means none, never a status). */
export function statusText(r: Captured): string {
  if (r.status > 0) return String(r.status);
  return isImported(r) ? 'imported' : '—';
}

/** The CSS class of a status badge: by its class (2xx…), or neutral when there is none. */
export const statusClass = (status: number): string => (status > 0 ? `status status-${String(status)[0]}xx` : 'status status-none');

/**
 * Where an imported request was originally sent: the import keeps the original host in its Host
 * header (as HTTP/1.1 sends it). The scheme is not stored: https, except for a local host.
 */
export function originalUrl(r: Captured & Pick<RequestDetail, 'headers' | 'path' | 'query'>): string | null {
  if (!isImported(r)) return null;
  const host = r.headers.find(([n]) => n.toLowerCase() === 'host')?.[1];
  if (!host) return null;
  const local = /^(localhost|127\.|\[::1\]|0\.0\.0\.0)/i.test(host);
  return `${local ? 'http' : 'https'}://${host}${r.path}${r.query ? `?${r.query}` : ''}`;
}
