import { commentText, describeEvents, header, propertyKey, type PropertyModel, type TypeModel } from './schema-model';

/**
 * TypeScript declarations for webhook bodies, one per event, and with several events their union
 * `WebhookEvent` (which narrows on the discriminator when the events have one: a property pinned
 * to a different string literal in each). Objects list the known properties only, with no index
 * signature: extra properties still type-check from a parsed body, while a typo in a handler
 * does not.
 */
export function generateTypeScript(schemas: { event: string; schema: Record<string, unknown> }[]): string {
  const { events, unionName, discriminator } = describeEvents(schemas);
  const blocks = events.map(({ event, name, model }) => {
    const doc = `/** Body of \`${commentText(event)}\`. */`;
    if (model.kind === 'object' && model.properties.length > 0) return `${doc}\nexport interface ${name} ${render(model, '')}`;
    return `${doc}\nexport type ${name} = ${render(model, '')};`;
  });
  if (events.length > 1) {
    const why = discriminator ? `narrow it on \`${discriminator}\`` : 'the events share no discriminating field';
    blocks.push(`/** Any of the events above (${why}). */\nexport type ${unionName} = ${events.map((e) => e.name).join(' | ')};`);
  }
  return `${header('Types', events.length)}\n\n${blocks.join('\n\n')}\n`;
}

function render(model: TypeModel, indent: string): string {
  switch (model.kind) {
    case 'unknown':
    case 'never':
    case 'boolean':
    case 'null':
      return model.kind;
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'literal':
      return model.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'array': {
      const items = render(model.items, indent);
      return needsParens(model.items) ? `(${items})[]` : `${items}[]`;
    }
    case 'object':
      return renderObject(model.properties, model.additional, indent);
    case 'union':
      return model.members.map((m) => render(m, indent)).join(' | ');
    case 'intersection':
      return model.members.map((m) => (needsParens(m) ? `(${render(m, indent)})` : render(m, indent))).join(' & ');
  }
}

function renderObject(properties: PropertyModel[], additional: 'open' | 'closed' | TypeModel, indent: string): string {
  if (properties.length === 0) {
    if (additional === 'closed') return 'Record<string, never>';
    return `Record<string, ${additional === 'open' ? 'unknown' : render(additional, indent)}>`;
  }
  const inner = `${indent}  `;
  const lines = properties.map((p) => {
    const doc = p.description ? `${inner}/** ${commentText(p.description)} */\n` : '';
    return `${doc}${inner}${propertyKey(p.name)}${p.optional ? '?' : ''}: ${render(p.type, inner)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** Unions and intersections bind looser than `[]` and `&`. */
function needsParens(model: TypeModel): boolean {
  return model.kind === 'union' || model.kind === 'intersection' || (model.kind === 'literal' && model.values.length > 1);
}
