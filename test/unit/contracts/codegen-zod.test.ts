import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { generateZod } from '../../../src/shared/contracts/codegen/zod';
import { STRING_FORMATS, matchesFormat } from '../../../src/shared/contracts/string-formats';
import { fieldsOf, toJsonSchema } from '../../../src/shared/contracts/shape';
import { importGenerated, typeCheck } from './generated-code';
import { githubPush, learn, learned, pinnedOrder, pinnedOrderSchema, samplesOf, slackAppMention, stripeCustomerCreated, stripeInvoicePaid } from './samples';

type Schemas = Record<string, z.ZodType>;

const invoicePaid = samplesOf(stripeInvoicePaid, 6);
const customerCreated = samplesOf(stripeCustomerCreated, 3);
const pushes = samplesOf(githubPush, 3);
const mentions = samplesOf(slackAppMention, 3);

const accepts = (schema: z.ZodType | undefined, value: unknown): boolean => {
  const result = schema!.safeParse(value);
  if (!result.success) console.error(JSON.stringify(result.error.issues, null, 2));
  return result.success;
};

describe('generateZod', () => {
  it('one event: imports zod, and the validator accepts every sample it was learned from and rejects a wrong one', async () => {
    const code = generateZod([learned('invoice.paid', invoicePaid)]);
    expect(code.startsWith("import { z } from 'zod';\n")).toBe(true);
    expect(code).toContain('export const InvoicePaid = z.looseObject({');
    expect(code).toContain('export type InvoicePaid = z.infer<typeof InvoicePaid>;');
    const { InvoicePaid } = await importGenerated<Schemas>(code);
    for (const sample of invoicePaid) expect(accepts(InvoicePaid, sample)).toBe(true);
    const wrong = structuredClone(invoicePaid[0]) as { data: { object: Record<string, unknown> } };
    wrong.data.object.amount_paid = '20.00';
    expect(InvoicePaid!.safeParse(wrong).success).toBe(false);
    expect(InvoicePaid!.safeParse({ ...invoicePaid[0], created_at: 'yesterday', type: 'invoice.voided' }).success).toBe(false);
    // Open objects: fields nobody described pass through untouched.
    expect(InvoicePaid!.parse({ ...invoicePaid[0], brand_new: 1 })).toMatchObject({ brand_new: 1 });
  });

  it('several events with a discriminator: a z.discriminatedUnion that routes each body to its event', async () => {
    const code = generateZod([learned('invoice.paid', invoicePaid), learned('customer.created', customerCreated)]);
    expect(code).toContain('export const WebhookEvent = z.discriminatedUnion("type", [InvoicePaid, CustomerCreated]);');
    const { WebhookEvent, CustomerCreated } = await importGenerated<Schemas>(code);
    for (const sample of [...invoicePaid, ...customerCreated]) expect(accepts(WebhookEvent, sample)).toBe(true);
    expect(WebhookEvent!.safeParse({ ...customerCreated[0], type: 'customer.deleted' }).success).toBe(false);
    expect(CustomerCreated!.safeParse(invoicePaid[0]).success).toBe(false);
    // Routed by `type`: the only issue is in the customer.created branch's own field.
    const broken = WebhookEvent!.safeParse({ ...customerCreated[1], livemode: 'no' });
    expect(broken.success).toBe(false);
    expect(broken.error?.issues.map((i) => i.path.join('.'))).toEqual(['livemode']);
  });

  it('several events without a discriminator: a plain z.union', async () => {
    const code = generateZod([learned('push', pushes), learned('app_mention', mentions)]);
    expect(code).toContain('export const WebhookEvent = z.union([Push, AppMention]);');
    const { WebhookEvent, Push } = await importGenerated<Schemas>(code);
    for (const sample of [...pushes, ...mentions]) expect(accepts(WebhookEvent, sample)).toBe(true);
    expect(Push!.safeParse({ ...pushes[0], commits: 'none' }).success).toBe(false);
    expect(WebhookEvent!.safeParse({ hello: 'world' }).success).toBe(false);
  });

  it('the generated module itself compiles under --strict, and its inferred types work', () => {
    const code = generateZod([learned('invoice.paid', invoicePaid), learned('customer.created', customerCreated)]);
    const use = `import { WebhookEvent } from './schemas';
export function amount(body: unknown): number | string {
  const event: WebhookEvent = WebhookEvent.parse(body);
  return event.type === 'invoice.paid' ? event.data.object.amount_paid : event.data.object.email;
}
`;
    expect(typeCheck({ 'schemas.ts': code, 'use.ts': use })).toEqual({});
  });

  it('learned formats never reject the strings they were learned from', async () => {
    const iso = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    const user = fc.tuple(fc.constantFrom('jenny', 'mona.lisa', 'ops+hooks', 'dev_team', 'a-b'), fc.nat(999));
    const plainEmail = fc.tuple(user, fc.constantFrom('example.com', 'mail.example.co.uk')).map(([[name, n], domain]) => `${name}${n}@${domain}`);
    const body = fc.record({ at: iso, email: plainEmail, url: fc.webUrl({ withQueryParameters: true, withFragments: true }), id: fc.uuid() });
    const samples = fc.sample(body, { numRuns: 60, seed: 15 });
    const shape = learn(samples);
    const formats = Object.fromEntries(fieldsOf(shape).map((f) => [f.path, f.format]));
    expect(formats).toEqual({ at: 'date-time', email: 'email', url: 'uri', id: 'uuid' });
    const { Formats } = await importGenerated<Schemas>(generateZod([{ event: 'formats', schema: toJsonSchema(shape, 'formats') }]));
    for (const sample of samples) expect(accepts(Formats, sample)).toBe(true);
    expect(Formats!.safeParse({ ...samples[0], at: '2024-05-01' }).success).toBe(false);
  });

  it('whatever string a format is learned from, the generated check for that format accepts it', async () => {
    const checks = await Promise.all(
      STRING_FORMATS.map(async (format) => {
        const code = generateZod([{ event: 'value', schema: { type: 'string', format } }]);
        const { Value } = await importGenerated<Schemas>(code);
        return [format, Value!] as const;
      }),
    );
    // Strings near each format (fast-check's own generators go beyond RFC corners zod rejects).
    const strings = fc.oneof(
      fc.string(),
      fc.emailAddress(),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.uuid(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/),
      fc.stringMatching(/^https?:\/\/\S{1,30}$/),
    );
    fc.assert(
      fc.property(strings, (value) => {
        for (const [format, check] of checks) if (matchesFormat(format, value)) expect(check.safeParse(value).success, `${format}: ${value}`).toBe(true);
      }),
      { numRuns: 3000, seed: 15 },
    );
  });

  it('pinned schemas: $ref, allOf, oneOf, mixed enums, closed objects, maps, OpenAPI nullable', async () => {
    const code = generateZod([{ event: 'order.created', schema: pinnedOrderSchema }]);
    expect(typeCheck({ 'schemas.ts': code })).toEqual({});
    const { OrderCreated } = await importGenerated<Schemas>(code);
    expect(accepts(OrderCreated, pinnedOrder)).toBe(true);
    expect(accepts(OrderCreated, { ...pinnedOrder, level: 'max', shipping: null })).toBe(true);
    for (const bad of [{ level: 3 }, { tags: { a: 1 } }, { strict: { only: true, more: 1 } }, { shipping: { tracking: 'T1' } }, { order: { id: 'nope', total: 1 } }]) {
      expect(OrderCreated!.safeParse({ ...pinnedOrder, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

