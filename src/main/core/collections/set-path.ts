import { FlagError } from './cli-flags';

/**
 * `--set path=value` for `hookbench trigger`: changes one field of the event's data. The path is
 * dot-separated (`customer.email`, `items.0.price`); the value is read as JSON when it parses
 * (`42`, `true`, `null`, `{"a":1}`, `"007"`) and taken as a string otherwise (`hello`, `007`).
 */

/** Keys that would reach Object.prototype instead of the data. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

export function parseSet(flag: string): { path: string[]; value: unknown } {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new FlagError(`--set must be path=value, got "${flag}"`);
  const path = flag.slice(0, eq).split('.');
  if (path.some((key) => key === '')) throw new FlagError(`--set path "${flag.slice(0, eq)}" has an empty segment`);
  if (path.some((key) => FORBIDDEN.has(key))) throw new FlagError(`--set path "${flag.slice(0, eq)}" names a reserved key`);
  return { path, value: parseValue(flag.slice(eq + 1)) };
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => value !== null && typeof value === 'object';

/** Sets `value` at `path` in `data` (changed in place), creating objects where nothing is; never replaces a value by an object. */
export function setPath(data: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Container = data;
  for (const [i, key] of path.entries()) {
    const last = i === path.length - 1;
    if (Array.isArray(node) && !/^\d+$/.test(key)) throw new FlagError(`--set ${path.join('.')}: "${path.slice(0, i).join('.')}" is an array; index it with a number`);
    const slot = node as Record<string, unknown>;
    if (last) {
      slot[key] = value;
      return;
    }
    if (slot[key] === undefined || slot[key] === null) slot[key] = {};
    else if (!isContainer(slot[key])) throw new FlagError(`--set ${path.join('.')}: "${path.slice(0, i + 1).join('.')}" is ${JSON.stringify(slot[key])}, not an object`);
    node = slot[key] as Container;
  }
}
