import type { DriftDifference } from '../../shared/contracts/drift';

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
