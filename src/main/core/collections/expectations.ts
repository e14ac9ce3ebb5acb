import { isDeepStrictEqual } from 'node:util';
import type { Expectation } from '../../../shared/contracts/collection';

/** What the handler answered, as far as an expectation looks at it. */
export interface Answer {
  status: number;
  body: Buffer;
}

export function statusMatches(expected: Expectation['status'], status: number): boolean {
  return typeof expected === 'number' ? status === expected : Math.floor(status / 100) === Number(expected[0]);
}

const shown = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Where `actual` departs from `expected` read as a subset: objects need the expected keys (any
 * others are fine), recursively; arrays and plain values must be equal. Each difference names its
 * JSON path, so a failure says which field, not just "body differs".
 */
export function subsetDifferences(expected: unknown, actual: unknown, path = '$'): string[] {
  if (isObject(expected)) {
    if (!isObject(actual)) return [`${path}: expected an object, got ${shown(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      Object.hasOwn(actual, key) ? subsetDifferences(value, actual[key], `${path}.${key}`) : [`${path}.${key}: missing (expected ${shown(value)})`],
    );
  }
  return isDeepStrictEqual(expected, actual) ? [] : [`${path}: expected ${shown(expected)}, got ${shown(actual)}`];
}

/** Every way the answer misses the expectation; empty when it holds. */
export function unmetExpectations(expect: Expectation, answer: Answer): string[] {
  const misses: string[] = [];
  if (!statusMatches(expect.status, answer.status)) misses.push(`status: expected ${expect.status}, got ${answer.status}`);
  if (expect.json === undefined) return misses;
  let body: unknown;
  try {
    body = JSON.parse(answer.body.toString('utf8'));
  } catch {
    return [...misses, 'body: expected JSON, got a body that does not parse as JSON'];
  }
  return [...misses, ...subsetDifferences(expect.json, body).map((d) => `body ${d}`)];
}
