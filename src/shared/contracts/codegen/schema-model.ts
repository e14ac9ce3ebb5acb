/**
 * JSON Schema (learned or pinned, draft 2020-12; OpenAPI's `nullable` tolerated) reduced to the
 * few type forms the generators print, plus what both generators decide alike: type names,
 * the union's discriminator. Keywords no type system here expresses (minLength, pattern, `not`,
 * conditionals) are dropped: the generated types are as loose as they must be, never stricter.
 */

export type Literal = string | number | boolean | null;

export type TypeModel =
  | { kind: 'unknown' }
  | { kind: 'never' }
  | { kind: 'string'; format: string | null }
  | { kind: 'number'; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'null' }
  /** `const` / `enum`: exactly these values. */
  | { kind: 'literal'; values: Literal[] }
  | { kind: 'array'; items: TypeModel }
  | { kind: 'object'; properties: PropertyModel[]; additional: 'open' | 'closed' | TypeModel }
  | { kind: 'union'; members: TypeModel[] }
  | { kind: 'intersection'; members: TypeModel[] };

export interface PropertyModel {
  name: string;
  type: TypeModel;
  optional: boolean;
  description: string | null;
}

export interface EventModel {
  event: string;
  /** The type / schema name, unique in the file. */
  name: string;
  model: TypeModel;
}

export interface EventsModel {
  events: EventModel[];
  /** Name of the union of all events (only with several). */
  unionName: string;
  /** The property every event pins to its own single string value, when there is one. */
  discriminator: string | null;
}

type Schema = Record<string, unknown>;

const UNKNOWN: TypeModel = { kind: 'unknown' };
/** $ref chains and nesting deeper than this end in `unknown` (recursive schemas, hostile input). */
const MAX_NESTING = 64;

export function describeEvents(schemas: { event: string; schema: Record<string, unknown> }[]): EventsModel {
  const taken = new Set<string>([UNION_NAME]);
  const events = schemas.map(({ event, schema }) => {
    const name = uniqueName(typeNameFor(event), taken);
    return { event, name, model: toModel(schema, schema, 0, new Set()) };
  });
  return { events, unionName: UNION_NAME, discriminator: events.length > 1 ? findDiscriminator(events.map((e) => e.model)) : null };
}

const UNION_NAME = 'WebhookEvent';

/**
 * PascalCase of the event (`invoice.paid` -> `InvoicePaid`, `orders/create` -> `OrdersCreate`,
 * `Push Hook` -> `PushHook`), prefixed when it would not start a valid name. Letters and digits of
 * any script are kept: both languages allow them in names.
 */
export function typeNameFor(event: string): string {
  const name = event
    .split(/[^\p{L}\p{Nd}]+/u)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
  if (name === '' || /^\p{Nd}/u.test(name)) return `Event${name}`;
  return name;
}

/** Global names the generated code uses or readers rely on: an event called `record` must not shadow them. */
const RESERVED = new Set(['Array', 'Boolean', 'Date', 'Error', 'Function', 'Map', 'Number', 'Object', 'Partial', 'Promise', 'Readonly', 'Record', 'Set', 'String', 'Symbol']);

function uniqueName(base: string, taken: Set<string>): string {
  const wanted = RESERVED.has(base) || base === UNION_NAME ? `${base}Event` : base;
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted}${n}`;
  taken.add(name);
  return name;
}

/** Preferred discriminator names, most common first; other candidates follow alphabetically. */
const DISCRIMINATOR_NAMES = ['type', 'event', 'event_type', 'eventType', 'topic'];

/**
 * A property that is required in every event's top-level object and pinned there to one string,
 * a different one per event: what `z.discriminatedUnion` needs and what lets TypeScript narrow.
 */
export function findDiscriminator(models: TypeModel[]): string | null {
  const pinned = models.map((model) => {
    const values = new Map<string, string>();
    if (model.kind !== 'object') return values;
    for (const p of model.properties) {
      const [value, ...more] = p.type.kind === 'literal' ? p.type.values : [];
      if (!p.optional && typeof value === 'string' && more.length === 0) values.set(p.name, value);
    }
    return values;
  });
  const candidates = [...(pinned[0]?.keys() ?? [])].filter((name) => {
    const values = pinned.map((p) => p.get(name));
    return values.every((v) => v !== undefined) && new Set(values).size === values.length;
  });
  const rank = (name: string): number => {
    const i = DISCRIMINATOR_NAMES.indexOf(name);
    return i < 0 ? DISCRIMINATOR_NAMES.length : i;
  };
  candidates.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return candidates[0] ?? null;
}

export function toModel(schema: unknown, root: Schema, depth: number, resolving: Set<string>): TypeModel {
  if (schema === false) return { kind: 'never' };
  if (!isSchema(schema) || depth > MAX_NESTING) return UNKNOWN;
  if (typeof schema.$ref === 'string') return refModel(schema.$ref, root, depth, resolving);
  const nested = (s: unknown): TypeModel => toModel(s, root, depth + 1, resolving);

  const parts: TypeModel[] = [];
  const base = baseModel(schema, nested);
  if (base) parts.push(base);
  const choices = [schema.anyOf, schema.oneOf].filter(Array.isArray);
  for (const choice of choices) parts.push(union((choice as unknown[]).map(nested)));
  if (Array.isArray(schema.allOf)) parts.push(...schema.allOf.map(nested));
  const model = parts.length === 0 ? UNKNOWN : parts.length === 1 ? parts[0]! : intersection(parts);
  return schema.nullable === true ? union([model, { kind: 'null' }]) : model;
}

/** What `type`, `const`, `enum`, `properties` and `items` say, or undefined when they say nothing. */
function baseModel(schema: Schema, nested: (s: unknown) => TypeModel): TypeModel | undefined {
  const declared = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type.filter((t) => typeof t === 'string') : null;
  const literals = 'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : null;
  if (literals) {
    if (!literals.every(isLiteral)) return UNKNOWN; // object/array constants: not worth a type of their own
    const fitting = declared ? literals.filter((v) => declared.some((t) => literalFits(v, t))) : literals;
    return fitting.length === 0 ? { kind: 'never' } : { kind: 'literal', values: [...new Set(fitting)] };
  }
  const types = declared ?? (isSchema(schema.properties) || 'additionalProperties' in schema ? ['object'] : 'items' in schema ? ['array'] : null);
  if (!types) return undefined;
  return union(types.map((t) => typeModel(t, schema, nested)));
}

function typeModel(type: string, schema: Schema, nested: (s: unknown) => TypeModel): TypeModel {
  switch (type) {
    case 'string':
      return { kind: 'string', format: typeof schema.format === 'string' ? schema.format : null };
    case 'integer':
    case 'number':
      return { kind: 'number', integer: type === 'integer' };
    case 'boolean':
    case 'null':
      return { kind: type };
    case 'array':
      return { kind: 'array', items: 'items' in schema ? nested(schema.items) : UNKNOWN };
    case 'object':
      return objectModel(schema, nested);
    default:
      return UNKNOWN;
  }
}

function objectModel(schema: Schema, nested: (s: unknown) => TypeModel): TypeModel {
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : []);
  const properties = Object.entries(isSchema(schema.properties) ? schema.properties : {}).map(([name, s]) => ({
    name,
    type: nested(s),
    optional: !required.has(name),
    description: isSchema(s) && typeof s.description === 'string' ? s.description : null,
  }));
  const extra = schema.additionalProperties;
  const additional = extra === false ? 'closed' : extra === undefined || extra === true ? 'open' : nested(extra);
  return { kind: 'object', properties, additional };
}

/** Local references only (`#/$defs/x`, `#/definitions/x`); a cycle or a remote one is unknown. */
function refModel(ref: string, root: Schema, depth: number, resolving: Set<string>): TypeModel {
  if (!ref.startsWith('#') || resolving.has(ref)) return UNKNOWN;
  let target: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = safeDecode(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isSchema(target) && Object.hasOwn(target, key) ? target[key] : undefined;
  }
  if (target === undefined) return UNKNOWN;
  const inner = new Set(resolving).add(ref);
  return toModel(target, root, depth + 1, inner);
}

/** Flattened, deduplicated; `unknown` swallows the rest, `never` disappears. */
export function union(members: TypeModel[]): TypeModel {
  const flat = members.flatMap((m) => (m.kind === 'union' ? m.members : [m])).filter((m) => m.kind !== 'never');
  if (flat.some((m) => m.kind === 'unknown')) return UNKNOWN;
  const unique = [...new Map(flat.map((m) => [JSON.stringify(m), m])).values()];
  if (unique.length === 0) return { kind: 'never' };
  return unique.length === 1 ? unique[0]! : { kind: 'union', members: unique };
}

function intersection(members: TypeModel[]): TypeModel {
  const useful = members.filter((m) => m.kind !== 'unknown');
  if (useful.length === 0) return UNKNOWN;
  return useful.length === 1 ? useful[0]! : { kind: 'intersection', members: useful };
}

/** Splits null off a union: most printers say "X or null" their own way. */
export function splitNull(model: TypeModel): { model: TypeModel; nullable: boolean } {
  if (model.kind === 'union' && model.members.some((m) => m.kind === 'null')) {
    return { model: union(model.members.filter((m) => m.kind !== 'null')), nullable: true };
  }
  if (model.kind === 'literal' && model.values.includes(null) && model.values.length > 1) {
    return { model: { kind: 'literal', values: model.values.filter((v) => v !== null) }, nullable: true };
  }
  return { model, nullable: false };
}

/**
 * A property name as an object-literal / type-literal key: bare when it is an identifier, else
 * quoted. `__proto__` is computed (`["__proto__"]`): bare or quoted, a JavaScript object literal
 * would take it for the prototype instead of a property.
 */
export function propertyKey(name: string): string {
  if (name === '__proto__') return '["__proto__"]';
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Text that cannot end the comment it is put in, on one line. */
export const commentText = (text: string): string => text.replace(/\*\//g, '*\\/').replace(/\s+/g, ' ');

export function header(what: string, count: number): string {
  return [
    '/*',
    ` * ${what} generated by Hookbench from the JSON Schemas of ${count} webhook event${count === 1 ? '' : 's'}.`,
    ' * Regenerate instead of editing: the schemas change as new captures arrive.',
    ' */',
  ].join('\n');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a stray `%` is just a character
  }
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLiteral(value: unknown): value is Literal {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function literalFits(value: Literal, type: string): boolean {
  if (value === null) return type === 'null';
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === type;
}
