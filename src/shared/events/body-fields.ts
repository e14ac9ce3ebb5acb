/**
 * The parsed forms of a webhook body that event detection looks into: JSON or an HTML form.
 * Detection runs on the capture path, so a body over MAX_PARSED_BODY_BYTES (up to the receiver's
 * 10 MiB cap) is read shallowly instead of parsed whole: its top-level members are located by a
 * byte scan and parsed only when a rule reads one (shallow-json.ts), and a form keeps its short
 * fields (shallow-form.ts). Measured on a 10 MB body: ~3 ms for one big string member and ~30 ms
 * for dense nested objects, where decode + JSON.parse took ~85 ms and ~170-210 ms.
 */
import { readShallowForm } from './shallow-form';
import { readShallowJson } from './shallow-json';

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

/** Bodies up to this size are parsed whole (exact JSON.parse semantics); larger ones shallowly. */
export const MAX_PARSED_BODY_BYTES = 256 * 1024;

/** Largest top-level JSON member or form field of a large body that is parsed: an envelope field fits. */
const MAX_MEMBER_BYTES = 64 * 1024;

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function formFields(form: URLSearchParams): BodyFields {
  const payload = form.get('payload');
  return { form, formJson: payload ? asObject(parseJson(payload)) : undefined };
}

function largeBodyFields(bytes: Uint8Array, type: string): BodyFields {
  const value = readShallowJson(bytes, MAX_MEMBER_BYTES);
  if (value !== undefined) return { jsonValue: value, json: asObject(value) };
  return type.includes('x-www-form-urlencoded') ? formFields(readShallowForm(bytes, MAX_MEMBER_BYTES)) : {};
}

export function parseBodyFields(bytes: Uint8Array, contentType: string | null): BodyFields {
  if (bytes.length === 0) return {};
  const type = (contentType ?? '').toLowerCase();
  if (bytes.length > MAX_PARSED_BODY_BYTES) return largeBodyFields(bytes, type);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {};
  }
  const lead = text.trimStart()[0];
  if (type.includes('json') || lead === '{' || lead === '[') {
    const value = parseJson(text);
    if (value !== undefined) return { jsonValue: value, json: asObject(value) };
  }
  return type.includes('x-www-form-urlencoded') ? formFields(new URLSearchParams(text)) : {};
}
