/**
 * Visible truncation for chat platforms: content past a limit is cut and says so, so a long
 * payload still posts (a platform rejects the whole message when one field is over its limit).
 */

/** Cuts `text` to at most `max` characters (UTF-16 units, as the platforms count), marking the cut. */
export function truncateVisibly(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = `… [truncated ${text.length - max} more characters]`;
  if (max <= marker.length) return safeSlice(text, max);
  // The marker's own count is of what was dropped, which grows by the marker's length.
  const dropped = text.length - (max - marker.length);
  const finalMarker = `… [truncated ${dropped} more characters]`;
  return safeSlice(text, max - finalMarker.length) + finalMarker;
}

/** Never leaves half of a surrogate pair (an emoji) at the cut. */
function safeSlice(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

/** Pretty JSON inside a code fence, truncated inside the fence so the block stays closed. */
export function fencedJson(value: unknown, max: number): string {
  const open = '```json\n';
  const close = '\n```';
  return open + truncateVisibly(JSON.stringify(value, null, 2), max - open.length - close.length) + close;
}

/** The top-level scalar fields of an object as name/value text, nulls shown as `null`. */
export function scalarFields(data: Record<string, unknown>): [string, string][] {
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries(data)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields.push([name, value === null ? 'null' : String(value)]);
  }
  return fields;
}
