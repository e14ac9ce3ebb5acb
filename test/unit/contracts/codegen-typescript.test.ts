import { describe, expect, it } from 'vitest';
import { generateTypeScript } from '../../../src/shared/contracts/codegen/typescript';
import { emptyShape, toJsonSchema } from '../../../src/shared/contracts/shape';
import { typeCheck } from './generated-code';
import { githubPush, learned, pinnedOrder, pinnedOrderSchema, samplesOf, slackAppMention, stripeCustomerCreated, stripeInvoicePaid } from './samples';

const invoicePaid = samplesOf(stripeInvoicePaid, 6);
const customerCreated = samplesOf(stripeCustomerCreated, 3);
const stripe = [learned('invoice.paid', invoicePaid), learned('customer.created', customerCreated)];

/** `const name: Type = <sample as an object literal>;` */
const typed = (name: string, type: string, value: unknown): string => `export const ${name}: ${type} = ${JSON.stringify(value, null, 2)};\n`;

describe('generateTypeScript', () => {
  it('one event: an interface named after it that compiles under --strict and types its samples', () => {
    const code = generateTypeScript([stripe[0]!]);
    expect(code).toContain('export interface InvoicePaid {');
    expect(code).not.toContain('WebhookEvent');
    const samples = invoicePaid.map((s, i) => typed(`sample${i}`, 'InvoicePaid', s)).join('');
    const diagnostics = typeCheck({
      'types.ts': code,
      'ok.ts': `import type { InvoicePaid } from './types';\n${samples}`,
      'bad.ts': `import type { InvoicePaid } from './types';\n${typed('bad', 'InvoicePaid', { ...invoicePaid[0], livemode: 'yes' })}`,
    });
    expect(diagnostics['types.ts']).toBeUndefined();
    expect(diagnostics['ok.ts']).toBeUndefined();
    expect(diagnostics['bad.ts']?.join('\n')).toMatch(/Type 'string' is not assignable to type 'boolean'/);
    expect(diagnostics['']).toBeUndefined();
  });

  it('several events with a discriminator: a union TypeScript narrows on it', () => {
    const code = generateTypeScript(stripe);
    expect(code).toContain('export type WebhookEvent = InvoicePaid | CustomerCreated;');
    expect(code).toContain('type: "invoice.paid";');
    // Each branch reads a field only its own event has: this compiles only if `type` narrows.
    const handler = `import type { WebhookEvent } from './types';
export function describe(event: WebhookEvent): string {
  switch (event.type) {
    case 'invoice.paid':
      return event.data.object.hosted_invoice_url;
    case 'customer.created':
      return event.data.object.email;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}
${typed('paid', 'WebhookEvent', invoicePaid[1])}${typed('created', 'WebhookEvent', customerCreated[2])}`;
    const diagnostics = typeCheck({
      'types.ts': code,
      'handler.ts': handler,
      'bad.ts': `import type { WebhookEvent } from './types';\n${typed('bad', 'WebhookEvent', { ...invoicePaid[0], type: 'invoice.voided' })}`,
    });
    expect(diagnostics['types.ts']).toBeUndefined();
    expect(diagnostics['handler.ts']).toBeUndefined();
    expect(diagnostics['bad.ts']).toBeDefined();
  });

  it('several events without a discriminator: a plain union of them', () => {
    const pushes = samplesOf(githubPush, 3);
    const mentions = samplesOf(slackAppMention, 3);
    const code = generateTypeScript([learned('push', pushes), learned('app_mention', mentions)]);
    expect(code).toContain('export type WebhookEvent = Push | AppMention;');
    expect(code).toContain('the events share no discriminating field');
    const diagnostics = typeCheck({
      'types.ts': code,
      'ok.ts': `import type { Push, WebhookEvent } from './types';\n${typed('push', 'Push', pushes[1])}${typed('mention', 'WebhookEvent', mentions[0])}`,
      'bad.ts': `import type { Push } from './types';\n${typed('bad', 'Push', { ...pushes[0], commits: 'none' })}`,
    });
    expect(diagnostics['types.ts']).toBeUndefined();
    expect(diagnostics['ok.ts']).toBeUndefined();
    expect(diagnostics['bad.ts']).toBeDefined();
  });

  it('awkward event names and property names still make valid, distinct declarations', () => {
    // Parsed, as bodies are: an object literal would take `__proto__` for the prototype.
    const odd: unknown = JSON.parse('{"a": 1, "content-type": "x", "with space": true, "": null, "__proto__": "p", "say \\"hi\\" */": 2}');
    const schemas = ['orders/create', 'Push Hook', '2fa.enabled', 'record', 'webhook.event', 'a.b', 'a_b', 'commande.créée', '***'].map((event) =>
      learned(event, [odd]),
    );
    const code = generateTypeScript(schemas);
    const names = [...code.matchAll(/export interface (\S+)/g)].map((m) => m[1]);
    expect(names).toEqual(['OrdersCreate', 'PushHook', 'Event2faEnabled', 'RecordEvent', 'WebhookEventEvent', 'AB', 'AB2', 'CommandeCréée', 'Event']);
    expect(code).toContain('["__proto__"]: string;');
    expect(code).toContain('"say \\"hi\\" */": number;');
    expect(typeCheck({ 'types.ts': code, 'use.ts': `import type { PushHook } from './types';\nexport const x: PushHook = ${JSON.stringify(odd)};\n` })).toEqual({});
  });

  it('pinned schemas: $ref, allOf, oneOf, const, enums, closed and map objects, OpenAPI nullable', () => {
    const code = generateTypeScript([{ event: 'order.created', schema: pinnedOrderSchema }]);
    const diagnostics = typeCheck({
      'types.ts': code,
      'ok.ts': `import type { OrderCreated } from './types';\n${typed('ok', 'OrderCreated', pinnedOrder)}`,
      'bad.ts': `import type { OrderCreated } from './types';\n${typed('bad', 'OrderCreated', { ...pinnedOrder, level: 3 })}`,
    });
    expect(diagnostics['types.ts']).toBeUndefined();
    expect(diagnostics['ok.ts']).toBeUndefined();
    expect(diagnostics['bad.ts']).toBeDefined();
    expect(code).toContain('level: 1 | 2 | "max" | null;');
    expect(code).toContain('tags?: Record<string, string>;');
    expect(code).toContain('/** Free text. Ends with *\\/ on purpose. */');
  });

  it('an event learned from nothing is unknown', () => {
    const code = generateTypeScript([{ event: 'ping', schema: toJsonSchema(emptyShape(), 'ping') }]);
    expect(code).toContain('export type Ping = unknown;');
    expect(typeCheck({ 'types.ts': code })).toEqual({});
  });
});
