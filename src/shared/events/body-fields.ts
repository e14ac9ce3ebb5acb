/**
 * The parsed forms of a webhook body that event detection looks into: JSON or an HTML form.
 * Parsing is skipped for large bodies: detection runs on the capture path and a multi-megabyte
 * upload is not a webhook envelope worth parsing there.
 */
export interface BodyFields {
  /** The parsed JSON value, whatever its type. */
  jsonValue?: unknown;
  /** The JSON body when it is an object. */
  json?: Record<string, unknown>;
  /** An `application/x-www-form-urlencoded` body. */
  form?: URLSearchParams;
  /** A form field named `payload` holding JSON (Slack interactivity). */
  formJson?: Record<string, unknown>;
}

export const MAX_PARSED_BODY_BYTES = 256 * 1024;

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function parseBodyFields(bytes: Uint8Array, contentType: string | null): BodyFields {
  if (bytes.length === 0 || bytes.length > MAX_PARSED_BODY_BYTES) return {};
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {};
  }
  const type = (contentType ?? '').toLowerCase();
  const lead = text.trimStart()[0];
  if (type.includes('json') || lead === '{' || lead === '[') {
    const value = parseJson(text);
    if (value !== undefined) return { jsonValue: value, json: asObject(value) };
  }
  if (type.includes('x-www-form-urlencoded')) {
    const form = new URLSearchParams(text);
    const payload = form.get('payload');
    return { form, formJson: payload ? asObject(parseJson(payload)) : undefined };
  }
  return {};
}
