import type { SchemaField } from './schema-api';
import {
  childPath,
  enumOf,
  formatOf,
  isRequired,
  itemsPath,
  mergedTypes,
  presence,
  type Shape,
  type ShapeNode,
} from './shape-node';

/**
 * The learned fields in depth-first order (a property, then what it holds), for the Schemas
 * view's tree. Counts are per occurrence of the parent: for `items[].sku`, `of` is the item
 * objects seen, not the bodies. An array's items (`tags[]`) are present in the non-empty arrays
 * of all the arrays seen, and never required.
 */
export function fieldsOf(shape: Shape): SchemaField[] {
  const out: SchemaField[] = [];
  collect(shape.root, '', out);
  return out;
}

function collect(node: ShapeNode, path: string, out: SchemaField[]): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childAt = childPath(path, key);
    out.push(field(child, childAt, presence(child), node.types.object ?? 0, isRequired(node, child)));
    collect(child, childAt, out);
  }
  if (node.items) {
    const itemsAt = itemsPath(path);
    out.push(field(node.items, itemsAt, node.nonEmpty ?? 0, node.types.array ?? 0, false));
    collect(node.items, itemsAt, out);
  }
}

function field(node: ShapeNode, path: string, present: number, of: number, required: boolean): SchemaField {
  return {
    path,
    types: mergedTypes(node),
    present,
    of,
    required,
    format: formatOf(node),
    enum: enumOf(node),
    examples: [...(node.examples ?? [])],
    introducedBy: node.introducedBy,
  };
}
