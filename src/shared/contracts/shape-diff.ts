import type { DriftDifference } from './drift';
import {
  MAX_DEPTH,
  MAX_ITEMS_PER_ARRAY,
  acceptsType,
  childPath,
  compareStrings,
  enumOf,
  getOwn,
  isRequired,
  itemsPath,
  jsonTypeOf,
  mergedTypes,
  typeLabel,
  type Shape,
  type ShapeNode,
} from './shape-node';

/**
 * How a body departs from what its event's shape established: call it before `observe()` folds
 * the body in. It walks the body, not the shape (plus the required properties of each object the
 * body has), so it costs what observing does. Each change is reported once, where it starts: a new
 * object is one new_field, not one per property inside it. The root's path is `""`.
 */
export function diffAgainstShape(shape: Shape, value: unknown): DriftDifference[] {
  if (shape.samples === 0) return []; // nothing is established yet
  const found = new Map<string, DriftDifference>();
  compare(shape.root, value, '', 0, found);
  return [...found.values()].sort(
    (a, b) => compareStrings(a.path, b.path) || compareStrings(a.kind, b.kind) || compareStrings(a.actual ?? '', b.actual ?? ''),
  );
}

function compare(node: ShapeNode, value: unknown, path: string, depth: number, found: Map<string, DriftDifference>): void {
  const type = jsonTypeOf(value);
  if (type === undefined) return;
  if (!acceptsType(node, type)) {
    add(found, { kind: 'type_changed', path, expected: typeLabel(mergedTypes(node)), actual: type });
    return;
  }
  if (type === 'string') {
    const values = enumOf(node);
    if (values && !values.includes(value as string)) {
      add(found, { kind: 'new_enum_value', path, expected: values.map(quote).join(' | '), actual: quote(value as string) });
    }
    return;
  }
  // Below the depth limit nothing was learned, so nothing can have drifted.
  if (depth >= MAX_DEPTH) return;
  if (type === 'object') compareObject(node, value as Record<string, unknown>, path, depth, found);
  if (type === 'array') compareArray(node, value as unknown[], path, depth, found);
}

function compareObject(node: ShapeNode, value: Record<string, unknown>, path: string, depth: number, found: Map<string, DriftDifference>): void {
  const properties = node.properties ?? {};
  for (const key of Object.keys(value)) {
    const type = jsonTypeOf(value[key]);
    if (type === undefined) continue;
    const child = getOwn(properties, key);
    if (child) compare(child, value[key], childPath(path, key), depth + 1, found);
    // Past the property cap, names were not recorded: an unknown one proves nothing.
    else if (!node.propertiesCapped) add(found, { kind: 'new_field', path: childPath(path, key), expected: null, actual: type });
  }
  for (const [key, child] of Object.entries(properties)) {
    if (isRequired(node, child) && (!Object.hasOwn(value, key) || jsonTypeOf(value[key]) === undefined)) {
      add(found, { kind: 'missing_field', path: childPath(path, key), expected: typeLabel(mergedTypes(child)), actual: null });
    }
  }
}

function compareArray(node: ShapeNode, value: unknown[], path: string, depth: number, found: Map<string, DriftDifference>): void {
  const end = Math.min(value.length, MAX_ITEMS_PER_ARRAY);
  for (let i = 0; i < end; i++) {
    const type = jsonTypeOf(value[i]);
    if (type === undefined) continue;
    // Only empty arrays were seen here: the first items are a new field of their own.
    if (node.items) compare(node.items, value[i], itemsPath(path), depth + 1, found);
    else add(found, { kind: 'new_field', path: itemsPath(path), expected: null, actual: type });
  }
}

/** One entry per (kind, path, actual): fifty items missing the same field are one difference. */
function add(found: Map<string, DriftDifference>, difference: DriftDifference): void {
  const key = `${difference.kind}\u0000${difference.path}\u0000${difference.actual ?? ''}`;
  if (!found.has(key)) found.set(key, difference);
}

/** A value as it reads in a message: quoted, long ones cut. */
function quote(value: string): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…"` : text;
}
