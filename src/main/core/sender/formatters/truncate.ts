/**
 * Visible truncation for chat platforms: content past a limit is cut and says so, so a long
 * payload still posts (a platform rejects the whole message when one field is over its limit).
 */

/** Turns raw text into what the platform is sent (Slack's escaping); identity by default. */
export type Escape = (text: string) => string;
const asIs: Escape = (text) => text;

const marker = (dropped: number) => `… [truncated ${dropped} more characters]`;

/**
 * `text`, escaped, cut to at most `max` characters (UTF-16 units, as the platforms count) with a
 * marker saying how many characters of the original were dropped. Escaping lengthens text, so the
 * limit applies to the escaped result, and a cut never splits an escape (`&amp;`) or half of a
 * surrogate pair (an emoji): text is kept one code point, escaped, at a time.
 */
export function truncateVisibly(text: string, max: number, escape: Escape = asIs): string {
  const whole = escape(text);
  if (whole.length <= max) return whole;
  // Room for the longest marker this text can need; the real one is never longer.
  const longest = marker(text.length).length;
  const withMarker = max > longest;
  const budget = withMarker ? max - longest : max;
  let kept = '';
  let rawKept = 0;
  for (const point of text) {
    const piece = escape(point);
    if (kept.length + piece.length > budget) break;
    kept += piece;
    rawKept += point.length;
  }
  return withMarker ? kept + marker(text.length - rawKept) : kept;
}

/** Pretty JSON inside a code fence, truncated inside the fence so the block stays closed. */
export function fencedJson(value: unknown, max: number, escape: Escape = asIs): string {
  const open = '```json\n';
  const close = '\n```';
  return open + truncateVisibly(JSON.stringify(value, null, 2), max - open.length - close.length, escape) + close;
}

/** The top-level scalar fields of an object as name/value text, nulls shown as `null`. */
export function scalarFields(data: Record<string, unknown>): [string, string][] {
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries(data)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields.push([name, value === null ? 'null' : String(value)]);
  }
  return fields;
}
