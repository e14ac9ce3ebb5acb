import { commentText, describeEvents, header, propertyKey, splitNull, type Literal, type PropertyModel, type TypeModel } from './schema-model';

/**
 * zod (v4) validators for webhook bodies, one per event, each with its inferred type of the same
 * name; with several events, `WebhookEvent` is a `z.discriminatedUnion` when the events have a
 * discriminator, else a `z.union`. Objects are `z.looseObject`: JSON Schema leaves them open, and
 * a handler that forwards the body should not lose the fields nobody described.
 */
export function generateZod(schemas: { event: string; schema: Record<string, unknown> }[]): string {
  const { events, unionName, discriminator } = describeEvents(schemas);
  const blocks = events.map(
    ({ event, name, model }) =>
      `/** Body of \`${commentText(event)}\`. */\nexport const ${name} = ${render(model, '')};\nexport type ${name} = z.infer<typeof ${name}>;`,
  );
  if (events.length > 1) {
    const names = events.map((e) => e.name).join(', ');
    const schema = discriminator ? `z.discriminatedUnion(${JSON.stringify(discriminator)}, [${names}])` : `z.union([${names}])`;
    blocks.push(`/** Any of the events above. */\nexport const ${unionName} = ${schema};\nexport type ${unionName} = z.infer<typeof ${unionName}>;`);
  }
  return `import { z } from 'zod';\n\n${header('Validators', events.length)}\n\n${blocks.join('\n\n')}\n`;
}

/** zod's checks for the JSON Schema formats it knows; any other format is a plain string. */
const FORMATS: Record<string, string> = {
  'date-time': 'z.iso.datetime({ offset: true })',
  date: 'z.iso.date()',
  time: 'z.iso.time()',
  duration: 'z.iso.duration()',
  email: 'z.email()',
  uri: 'z.url()',
  uuid: 'z.guid()',
  ipv4: 'z.ipv4()',
  ipv6: 'z.ipv6()',
};

function render(full: TypeModel, indent: string): string {
  const { model, nullable } = splitNull(full);
  const base = renderNonNull(model, indent);
  return nullable ? `${base}.nullable()` : base;
}

function renderNonNull(model: TypeModel, indent: string): string {
  switch (model.kind) {
    case 'unknown':
      return 'z.unknown()';
    case 'never':
      return 'z.never()';
    case 'boolean':
      return 'z.boolean()';
    case 'null':
      return 'z.null()';
    case 'string':
      return (model.format !== null && Object.hasOwn(FORMATS, model.format) ? FORMATS[model.format] : undefined) ?? 'z.string()';
    case 'number':
      return model.integer ? 'z.int()' : 'z.number()';
    case 'literal':
      return renderLiterals(model.values);
    case 'array':
      return `z.array(${render(model.items, indent)})`;
    case 'object':
      return renderObject(model.properties, model.additional, indent);
    case 'union':
      return `z.union([${model.members.map((m) => render(m, indent)).join(', ')}])`;
    case 'intersection':
      return model.members.map((m) => render(m, indent)).reduce((a, b) => `z.intersection(${a}, ${b})`);
  }
}

function renderLiterals(values: Literal[]): string {
  const list = values.map((v) => JSON.stringify(v));
  if (values.length === 1) return `z.literal(${list[0]})`;
  if (values.every((v) => typeof v === 'string')) return `z.enum([${list.join(', ')}])`;
  return `z.literal([${list.join(', ')}])`;
}

function renderObject(properties: PropertyModel[], additional: 'open' | 'closed' | TypeModel, indent: string): string {
  if (properties.length === 0) {
    if (additional === 'closed') return 'z.strictObject({})';
    return `z.record(z.string(), ${additional === 'open' ? 'z.unknown()' : render(additional, indent)})`;
  }
  const inner = `${indent}  `;
  const lines = properties.map((p) => {
    const doc = p.description ? `${inner}/** ${commentText(p.description)} */\n` : '';
    return `${doc}${inner}${propertyKey(p.name)}: ${render(p.type, inner)}${p.optional ? '.optional()' : ''},`;
  });
  const body = `{\n${lines.join('\n')}\n${indent}}`;
  if (additional === 'closed') return `z.strictObject(${body})`;
  if (additional === 'open') return `z.looseObject(${body})`;
  return `z.object(${body}).catchall(${render(additional, indent)})`;
}
