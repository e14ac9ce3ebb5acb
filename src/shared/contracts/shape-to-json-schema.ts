import {
  MAX_DEPTH,
  MAX_PROPERTIES,
  enumOf,
  formatOf,
  isRequired,
  mergedTypes,
  type JsonType,
  type Shape,
  type ShapeNode,
} from './shape-node';

/**
 * A learned shape as JSON Schema draft 2020-12. Open by design (no `additionalProperties`): a
 * provider adding a field is drift to report, not a body to reject.
 */

type Schema = Record<string, unknown>;

export const JSON_SCHEMA_DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * `title` is normally the event name. A top-level string property whose only value so far is the
 * title is emitted as `const` even after a single sample: it is the event's discriminator, which
 * generated code unions on, and a sibling event can never share its value.
 */
export function toJsonSchema(shape: Shape, title: string): Record<string, unknown> {
  const head: Schema = {
    $schema: JSON_SCHEMA_DRAFT,
    title,
    description: `Learned by Hookbench from ${shape.samples} sample${shape.samples === 1 ? '' : 's'}.`,
  };
  if (shape.samples === 0) return head;
  const body = nodeSchema(shape.root, title);
  const description = typeof body.description === 'string' ? `${head.description as string} ${body.description}` : head.description;
  return { ...head, ...body, description };
}

function nodeSchema(node: ShapeNode, eventName?: string): Schema {
  const types = mergedTypes(node);
  const nullable = types.includes('null');
  const variants = types.filter((t) => t !== 'null').map((t) => variantSchema(node, t, eventName));
  const [only] = variants;
  if (!only) return nullable ? { type: 'null' } : {};
  if (variants.length === 1) return nullable ? withNull(only) : only;
  // Several types: a plain type list while none carries constraints, else one branch each.
  if (variants.every((v) => Object.keys(v).length === 1)) return { type: types };
  return { anyOf: nullable ? [...variants, { type: 'null' }] : variants };
}

function variantSchema(node: ShapeNode, type: Exclude<JsonType, 'null'>, eventName: string | undefined): Schema {
  switch (type) {
    case 'object':
      return objectSchema(node, eventName);
    case 'array': {
      const schema: Schema = { type: 'array' };
      if (node.items) schema.items = nodeSchema(node.items);
      if (node.depthCapped) schema.description = depthNote;
      return schema;
    }
    case 'string':
      return stringSchema(node, undefined);
    default:
      return { type };
  }
}

const depthNote = `Nested deeper than ${MAX_DEPTH} levels: contents not learned.`;

function objectSchema(node: ShapeNode, eventName: string | undefined): Schema {
  const schema: Schema = { type: 'object' };
  const entries = Object.entries(node.properties ?? {});
  if (entries.length > 0) {
    const properties: Schema = {};
    const required: string[] = [];
    for (const [key, child] of entries) {
      const pinned = eventName !== undefined && isRequired(node, child) ? eventName : undefined;
      // defineProperty: a property named `__proto__` must stay a property.
      Object.defineProperty(properties, key, { value: propertySchema(child, pinned), enumerable: true, writable: true, configurable: true });
      if (isRequired(node, child)) required.push(key);
    }
    schema.properties = properties;
    if (required.length > 0) schema.required = required;
  }
  const notes: string[] = [];
  if (node.propertiesCapped) notes.push(`Only the first ${MAX_PROPERTIES} property names (or as many as the shape's size allows) are learned; others are allowed but not described.`);
  if (node.depthCapped) notes.push(depthNote);
  if (notes.length > 0) schema.description = notes.join(' ');
  return schema;
}

/** A top-level property: a string whose one value is the event name becomes a `const`. */
function propertySchema(node: ShapeNode, eventName: string | undefined): Schema {
  const types = mergedTypes(node);
  if (eventName !== undefined && types.length === 1 && types[0] === 'string') return stringSchema(node, eventName);
  return nodeSchema(node);
}

function stringSchema(node: ShapeNode, eventName: string | undefined): Schema {
  // Examples keep the first distinct values, so a single one means a single value so far, even
  // for names too long or odd for enum tracking.
  if (eventName !== undefined && node.examples?.length === 1 && node.examples[0] === eventName) return { type: 'string', const: eventName };
  const enumValues = enumOf(node);
  if (enumValues?.length === 1) return { type: 'string', const: enumValues[0] };
  if (enumValues) return { type: 'string', enum: enumValues };
  const format = formatOf(node);
  return format ? { type: 'string', format } : { type: 'string' };
}

/** The one-type schema `s`, also allowing null (an enum or const must list null too, or null fails it). */
function withNull(s: Schema): Schema {
  const out: Schema = { ...s, type: [s.type, 'null'] };
  if (Array.isArray(s.enum)) out.enum = [...(s.enum as unknown[]), null];
  if ('const' in s) {
    delete out.const;
    out.enum = [s.const, null];
  }
  return out;
}
