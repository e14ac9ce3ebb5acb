import { STRING_FORMATS, type StringFormat } from './string-formats';

/**
 * The data model of a learned body shape (issue 15) and the read-side rules every consumer of it
 * shares (which types count, when a field is required, when strings are an enum), so the JSON
 * Schema, the field tree and the drift check can never disagree about what was learned.
 */

export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
/** Canonical order: how types are listed everywhere (schemas, labels, the UI). */
export const JSON_TYPES: readonly JsonType[] = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];

/** One place in the body (the root, a property, or the items of an array). JSON-serialisable. */
export interface ShapeNode {
  /** Values seen here, by JSON type. For a property their sum is how often it was present. */
  types: Partial<Record<JsonType, number>>;
  /** The capture whose body first had a value here (null: the root of a shape that saw nothing). */
  introducedBy: number | null;
  /** The first few distinct scalar values, long strings cut. */
  examples?: (string | number | boolean)[];
  /** Objects: the properties seen, in first-seen order. */
  properties?: Record<string, ShapeNode>;
  /** Objects: more property names appeared than are tracked (see MAX_PROPERTIES, MAX_NODES). */
  propertiesCapped?: true;
  /** Arrays: how many of the arrays seen had at least one element. */
  nonEmpty?: number;
  /** Arrays: every element seen, whatever its index. */
  items?: ShapeNode;
  /** Strings: how often each distinct value came, while they are few and short; null once they are not. */
  values?: Record<string, number> | null;
  /** Strings: for each format every string so far matched, how many did. Absent: none still fits. */
  formats?: Partial<Record<StringFormat, number>>;
  /** Objects or arrays were seen here below MAX_DEPTH: their contents are not learned. */
  depthCapped?: true;
}

/** JSON-serialisable incremental summary of the bodies seen for one (endpoint, event). */
export interface Shape {
  samples: number;
  root: ShapeNode;
  /** Nodes below the root, kept under MAX_NODES so the stored shape stays small whatever arrives. */
  nodes: number;
}

/** Objects and arrays nested deeper than this are counted but not looked into. */
export const MAX_DEPTH = 32;
/** Property names tracked per object; a map keyed by ids would otherwise grow without end. */
export const MAX_PROPERTIES = 500;
/** Nodes per shape, all objects together: bounds the stored JSON (large provider bodies have a few hundred fields). */
export const MAX_NODES = 3000;
/** Elements looked at per array per sample: long arrays repeat one item shape. */
export const MAX_ITEMS_PER_ARRAY = 200;
export const MAX_EXAMPLES = 3;
/** Longer example strings are cut (with `…`): examples are for reading, not replaying. */
export const MAX_EXAMPLE_LENGTH = 120;
/** Distinct string values counted per field; one more and the field is no enum, for good. */
export const MAX_TRACKED_VALUES = 20;
/** A longer string is text or a token, never an enum value. */
export const MAX_ENUM_VALUE_LENGTH = 40;
/** Enum values read like words (`paid`, `invoice.paid`, `in_progress`, `orders/create`, `Push Hook`)... */
const ENUM_WORDS = /^[\p{L}\p{N}_.:/+-]+(?: [\p{L}\p{N}_.:/+-]+){0,3}$/u;
/** ...and hold few digits: `T123ABC456`, a commit SHA or a date is an id or a time, not a choice. */
const MAX_ENUM_VALUE_DIGITS = 4;
/** An enum has at most this many values... */
export const MAX_ENUM_VALUES = 10;
/** ...each seen this many times on average: three samples of one value suggest a constant, one does not. */
export const ENUM_EVIDENCE = 3;

export function jsonTypeOf(value: unknown): JsonType | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    // Safe integers only: a larger one has already lost digits in JSON.parse, and the generated
    // zod (`z.int()`) accepts safe integers only, so it is learned as a plain number.
    case 'number':
      return Number.isSafeInteger(value) ? 'integer' : 'number';
    case 'object':
      return Array.isArray(value) ? 'array' : 'object';
    default:
      return undefined; // undefined, functions, symbols, bigints: not JSON
  }
}

/** The types seen, integer folded into number once both came (every integer is a number). */
export function mergedTypes(node: ShapeNode): JsonType[] {
  const seen = JSON_TYPES.filter((t) => (node.types[t] ?? 0) > 0);
  return seen.includes('number') ? seen.filter((t) => t !== 'integer') : seen;
}

/** Whether a value of type `type` fits what `node` established. */
export function acceptsType(node: ShapeNode, type: JsonType): boolean {
  const types = mergedTypes(node);
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

export const typeLabel = (types: readonly JsonType[]): string => types.join(' | ');

/** How many values were seen at this place (for a property: the objects that had it). */
export function presence(node: ShapeNode): number {
  let n = 0;
  for (const t of JSON_TYPES) n += node.types[t] ?? 0;
  return n;
}

/** Present in every object seen at the parent's place: JSON Schema's `required`. */
export function isRequired(parent: ShapeNode, child: ShapeNode): boolean {
  const objects = parent.types.object ?? 0;
  return objects > 0 && presence(child) >= objects;
}

/**
 * Whether a string could be an enum value. Test accounts repeat ids, names and sentences sample
 * after sample; without this, three identical test webhooks would pin them as constants and every
 * real one after would be flagged as drift.
 */
export function enumCandidate(value: string): boolean {
  return value.length <= MAX_ENUM_VALUE_LENGTH && ENUM_WORDS.test(value) && (value.match(/\p{Nd}/gu)?.length ?? 0) <= MAX_ENUM_VALUE_DIGITS;
}

/** The format every string seen here matched, if any. */
export function formatOf(node: ShapeNode): StringFormat | null {
  const strings = node.types.string ?? 0;
  if (strings === 0 || !node.formats) return null;
  return STRING_FORMATS.find((f) => node.formats?.[f] === strings) ?? null;
}

/** The distinct string values, sorted, when they are few enough and seen often enough to be an enum. */
export function enumOf(node: ShapeNode): string[] | null {
  const strings = node.types.string ?? 0;
  if (!node.values || formatOf(node)) return null; // ids and timestamps repeat in tests, they are not enums
  const values = Object.keys(node.values);
  if (values.length === 0 || values.length > MAX_ENUM_VALUES || strings < ENUM_EVIDENCE * values.length) return null;
  return values.sort(compareStrings);
}

/** Code-unit order: deterministic whatever the locale. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `parent.key`, or `parent["a.b"]` when the name would make the path ambiguous (dots, brackets,
 * quotes, empty). The root's children have no leading dot.
 */
export function childPath(parent: string, key: string): string {
  if (key === '' || /[.[\]"]/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

export const itemsPath = (parent: string): string => `${parent}[]`;

/**
 * Own-property access for maps keyed by body data: a key named `__proto__` or `constructor` must
 * be a plain entry, never the prototype (reading it or, worse, assigning it).
 */
export function getOwn<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
