import {
  MAX_DEPTH,
  MAX_EXAMPLE_LENGTH,
  MAX_EXAMPLES,
  MAX_ITEMS_PER_ARRAY,
  MAX_NODES,
  MAX_PROPERTIES,
  MAX_TRACKED_VALUES,
  enumCandidate,
  getOwn,
  jsonTypeOf,
  setOwn,
  type Shape,
  type ShapeNode,
} from './shape-node';
import { STRING_FORMATS, matchesFormat } from './string-formats';

/**
 * Learning the shape of an event's bodies (issue 15), one body at a time: `observe` folds a body
 * into counters and never looks at earlier samples, so learning stays cheap however many arrive
 * and the shape can be stored and resumed. The readers live beside it, one concern a file.
 */

export type { JsonType, Shape, ShapeNode } from './shape-node';
export { toJsonSchema } from './shape-to-json-schema';
export { fieldsOf } from './shape-fields';
export { diffAgainstShape } from './shape-diff';

export function emptyShape(): Shape {
  return { samples: 0, root: { types: {}, introducedBy: null }, nodes: 0 };
}

/** Merges one parsed JSON body; `captureId` is remembered on the places it is the first to have. Mutates and returns `shape`. */
export function observe(shape: Shape, value: unknown, captureId: number): Shape {
  if (jsonTypeOf(value) === undefined) return shape;
  shape.root.introducedBy ??= captureId;
  observeNode(shape, shape.root, value, 0, captureId);
  shape.samples += 1;
  return shape;
}

function observeNode(shape: Shape, node: ShapeNode, value: unknown, depth: number, captureId: number): void {
  const type = jsonTypeOf(value);
  if (type === undefined) return;
  node.types[type] = (node.types[type] ?? 0) + 1;
  switch (type) {
    case 'string':
      observeString(node, value as string);
      return;
    case 'integer':
    case 'number':
    case 'boolean':
      addExample(node, value as number | boolean);
      return;
    case 'null':
      return;
  }
  if (depth >= MAX_DEPTH) {
    node.depthCapped = true;
    return;
  }
  if (type === 'array') observeArray(shape, node, value as unknown[], depth, captureId);
  else observeObject(shape, node, value as Record<string, unknown>, depth, captureId);
}

function observeObject(shape: Shape, node: ShapeNode, value: Record<string, unknown>, depth: number, captureId: number): void {
  const properties = (node.properties ??= {});
  let tracked = -1; // counted on the first new key only: existing keys cost nothing
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (jsonTypeOf(child) === undefined) continue;
    let childNode = getOwn(properties, key);
    if (!childNode) {
      if (tracked < 0) tracked = Object.keys(properties).length;
      if (tracked >= MAX_PROPERTIES || shape.nodes >= MAX_NODES) {
        node.propertiesCapped = true;
        continue;
      }
      childNode = { types: {}, introducedBy: captureId };
      setOwn(properties, key, childNode);
      tracked += 1;
      shape.nodes += 1;
    }
    observeNode(shape, childNode, child, depth + 1, captureId);
  }
}

function observeArray(shape: Shape, node: ShapeNode, value: unknown[], depth: number, captureId: number): void {
  if (value.length > 0) node.nonEmpty = (node.nonEmpty ?? 0) + 1;
  const end = Math.min(value.length, MAX_ITEMS_PER_ARRAY);
  for (let i = 0; i < end; i++) {
    if (!node.items) {
      if (shape.nodes >= MAX_NODES) return;
      node.items = { types: {}, introducedBy: captureId };
      shape.nodes += 1;
    }
    observeNode(shape, node.items, value[i], depth + 1, captureId);
  }
}

function observeString(node: ShapeNode, value: string): void {
  addExample(node, value.length > MAX_EXAMPLE_LENGTH ? `${value.slice(0, MAX_EXAMPLE_LENGTH)}…` : value);
  trackValue(node, value);
  // A format survives only while every string matched it, so only survivors are tested: a field
  // of free text stops costing regex runs after its first sample.
  const before = (node.types.string ?? 1) - 1;
  const formats = before === 0 ? {} : node.formats;
  if (!formats) return;
  for (const format of STRING_FORMATS) {
    if ((formats[format] ?? 0) === before && matchesFormat(format, value)) formats[format] = before + 1;
    else delete formats[format];
  }
  if (Object.keys(formats).length > 0) node.formats = formats;
  else delete node.formats;
}

function trackValue(node: ShapeNode, value: string): void {
  if (node.values === null) return; // already known not to be an enum
  const values = (node.values ??= {});
  const count = getOwn(values, value);
  if (count !== undefined) values[value] = count + 1;
  else if (!enumCandidate(value) || Object.keys(values).length >= MAX_TRACKED_VALUES) node.values = null;
  else setOwn(values, value, 1);
}

function addExample(node: ShapeNode, value: string | number | boolean): void {
  const examples = (node.examples ??= []);
  if (examples.length < MAX_EXAMPLES && !examples.includes(value)) examples.push(value);
}
