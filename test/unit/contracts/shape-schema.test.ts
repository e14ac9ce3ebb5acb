import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { emptyShape, fieldsOf, observe, toJsonSchema, type Shape } from '../../../src/shared/contracts/shape';
import { MAX_DEPTH, MAX_ITEMS_PER_ARRAY, MAX_NODES, MAX_PROPERTIES } from '../../../src/shared/contracts/shape-node';
import { githubPush, learn, samplesOf, slackAppMention, stripeCustomerCreated, stripeInvoicePaid } from './samples';

/** The learned schema without the head ($schema, title, description). */
function body(samples: unknown[], title = 'test.event'): Record<string, unknown> {
  const { $schema: _s, title: _t, description: _d, ...rest } = toJsonSchema(learn(samples), title);
  return rest;
}

const prop = (schema: Record<string, unknown>, name: string): Record<string, unknown> =>
  (schema.properties as Record<string, Record<string, unknown>>)[name]!;

// Strict: any keyword ajv does not know, or a malformed one, fails compilation.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false });

describe('toJsonSchema: what samples establish', () => {
  it('a property missing from some samples is optional, one in all of them required', () => {
    const schema = body([{ id: 1, note: 'a' }, { id: 2 }, { id: 3, note: 'b' }]);
    expect(schema.required).toEqual(['id']);
    expect(prop(schema, 'note')).toEqual({ type: 'string' });
  });

  it('null seen makes the type nullable, and alone it is type null', () => {
    const schema = body([{ email: 'Ann', gone: null }, { email: null, gone: null }]);
    expect(prop(schema, 'email')).toEqual({ type: ['string', 'null'] });
    expect(prop(schema, 'gone')).toEqual({ type: 'null' });
  });

  it('different types make a type union; integer and number fold into number', () => {
    const schema = body([
      { id: 7, amount: 10 },
      { id: 'ch_7', amount: 10.5 },
      { id: 8, amount: 3 },
    ]);
    expect(prop(schema, 'id')).toEqual({ type: ['string', 'integer'] });
    expect(prop(schema, 'amount')).toEqual({ type: 'number' });
  });

  it('integers beyond 2^53 are numbers (JSON.parse already rounded them)', () => {
    expect(body([{ big: 2 ** 60 }, { big: 1 }]).properties).toEqual({ big: { type: 'number' } });
  });

  it('few string values, each seen often enough, are an enum; a nullable one lists null', () => {
    const statuses = ['paid', 'open', 'paid', 'void', 'open', 'paid', 'paid', 'open', 'void'];
    const schema = body(statuses.map((status, i) => ({ status, refund: i === 4 ? null : 'full' })));
    expect(prop(schema, 'status')).toEqual({ type: 'string', enum: ['open', 'paid', 'void'] });
    expect(prop(schema, 'refund')).toEqual({ type: ['string', 'null'], enum: ['full', null] });
  });

  it('no enum without the evidence: too few samples, too many values, ids, or free text', () => {
    const fewSamples = body([{ s: 'paid' }, { s: 'open' }, { s: 'paid' }, { s: 'open' }, { s: 'void' }]);
    expect(prop(fewSamples, 's')).toEqual({ type: 'string' }); // 3 values need 9 samples
    const many = body(Array.from({ length: 60 }, (_, i) => ({ s: `state_${String.fromCharCode(97 + (i % 11))}` })));
    expect(prop(many, 's')).toEqual({ type: 'string' }); // 11 distinct > 10
    const ids = body(Array.from({ length: 6 }, () => ({ team: 'T123ABC456', text: 'Hello there (again)!' })));
    expect(prop(ids, 'team')).toEqual({ type: 'string' });
    expect(prop(ids, 'text')).toEqual({ type: 'string' });
  });

  it('one value seen three times or more is a const', () => {
    expect(prop(body([{ object: 'event' }, { object: 'event' }, { object: 'event' }]), 'object')).toEqual({ type: 'string', const: 'event' });
    expect(prop(body([{ object: 'event' }, { object: 'event' }]), 'object')).toEqual({ type: 'string' });
  });

  it('a top-level string equal to the title is the event discriminator: a const from the first sample', () => {
    expect(prop(body([{ type: 'invoice.paid', object: 'event' }], 'invoice.paid'), 'type')).toEqual({ type: 'string', const: 'invoice.paid' });
    expect(prop(body([{ type: 'something.else' }], 'invoice.paid'), 'type')).toEqual({ type: 'string' });
    expect(prop(body([{ type: 'invoice.paid' }, { type: 'invoice.paid_out' }], 'invoice.paid'), 'type')).toEqual({ type: 'string' });
    const long = 'customer.subscription.pending_update_applied.2024';
    expect(prop(body([{ type: long }, { type: long }], long), 'type')).toEqual({ type: 'string', const: long });
    // Only at the top level, and only when the field is always there.
    expect(body([{ data: { type: 'invoice.paid' } }], 'invoice.paid').properties).toEqual({
      data: { type: 'object', properties: { type: { type: 'string' } }, required: ['type'] },
    });
    expect(prop(body([{ type: 'invoice.paid' }, {}], 'invoice.paid'), 'type')).toEqual({ type: 'string' });
  });

  it('a format holds when every string matched it', () => {
    const schema = body([
      { at: '2024-05-01T10:00:00Z', email: 'a@example.com', url: 'https://example.com/x?y=1', uuid: '0f9c2a1e-1b7d-4c55-9a0e-3f1d2c4b5a61', mixed: '2024-05-01T10:00:00Z' },
      { at: '2024-05-02T10:00:00.123+02:00', email: 'b.c+d@mail.example.org', url: 'http://localhost:3000/hook', uuid: '00000000-0000-0000-0000-000000000000', mixed: 'yesterday' },
    ]);
    expect(prop(schema, 'at')).toEqual({ type: 'string', format: 'date-time' });
    expect(prop(schema, 'email')).toEqual({ type: 'string', format: 'email' });
    expect(prop(schema, 'url')).toEqual({ type: 'string', format: 'uri' });
    expect(prop(schema, 'uuid')).toEqual({ type: 'string', format: 'uuid' });
    expect(prop(schema, 'mixed')).toEqual({ type: 'string' });
    // A format lost stays lost, even if later strings match again.
    expect(prop(body([{ at: 'now' }, { at: '2024-05-01T10:00:00Z' }, { at: '2024-05-01T10:00:00Z' }]), 'at')).toEqual({ type: 'string' });
  });

  it('not a date-time: no time zone, impossible dates, a space instead of T', () => {
    for (const at of ['2024-05-01T10:00:00', '2024-02-30T10:00:00Z', '2024-05-01 10:00:00Z']) {
      expect(prop(body([{ at }]), 'at')).toEqual({ type: 'string' });
    }
  });

  it('nested objects get their own properties and required', () => {
    const schema = body([{ data: { object: { id: 'in_1', paid: true } } }, { data: { object: { id: 'in_2' } } }]);
    expect(schema).toEqual({
      type: 'object',
      properties: {
        data: {
          type: 'object',
          properties: { object: { type: 'object', properties: { id: { type: 'string' }, paid: { type: 'boolean' } }, required: ['id'] } },
          required: ['object'],
        },
      },
      required: ['data'],
    });
  });

  it('arrays of objects: required is per item', () => {
    const schema = body([{ items: [{ sku: 'A', qty: 1 }, { sku: 'B' }] }, { items: [{ sku: 'C', qty: 2 }] }]);
    expect(prop(schema, 'items')).toEqual({
      type: 'array',
      items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } }, required: ['sku'] },
    });
  });

  it('arrays of mixed types, and of objects or strings', () => {
    expect(prop(body([{ v: [1, 'a', null] }]), 'v')).toEqual({ type: 'array', items: { type: ['string', 'integer', 'null'] } });
    // A type with constraints cannot share a plain type list: one branch each.
    expect(prop(body([{ v: [{ id: 1 }, 'ref_1'] }]), 'v')).toEqual({
      type: 'array',
      items: { anyOf: [{ type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] }, { type: 'string' }] },
    });
  });

  it('empty arrays say nothing about items until one is not empty', () => {
    expect(prop(body([{ tags: [] }, { tags: [] }]), 'tags')).toEqual({ type: 'array' });
    expect(prop(body([{ tags: [] }, { tags: ['x'] }]), 'tags')).toEqual({ type: 'array', items: { type: 'string' } });
  });

  it('top-level arrays and scalars', () => {
    expect(body([[{ id: 1 }, { id: 2, ok: true }]])).toEqual({
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'integer' }, ok: { type: 'boolean' } }, required: ['id'] },
    });
    expect(body([42, 'forty-two', null])).toEqual({ type: ['string', 'integer', 'null'] });
    expect(body([{ id: 1 }, [1]])).toEqual({
      anyOf: [
        { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
        { type: 'array', items: { type: 'integer' } },
      ],
    });
  });

  it('the head: $schema, title, sample count; an empty shape allows anything', () => {
    expect(toJsonSchema(emptyShape(), 'ping')).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'ping',
      description: 'Learned by Hookbench from 0 samples.',
    });
    const schema = toJsonSchema(learn([{ a: 1 }]), 'ping');
    expect(Object.keys(schema).slice(0, 3)).toEqual(['$schema', 'title', 'description']);
    expect(schema.description).toBe('Learned by Hookbench from 1 sample.');
    expect(schema.additionalProperties).toBeUndefined(); // open: new fields are drift, not invalid
  });

  it('learned schemas are valid 2020-12 and accept every sample they were learned from', () => {
    for (const [title, make] of [
      ['invoice.paid', stripeInvoicePaid],
      ['customer.created', stripeCustomerCreated],
      ['push', githubPush],
      ['app_mention', slackAppMention],
    ] as const) {
      const samples = samplesOf(make, 6);
      const schema = toJsonSchema(learn(samples), title);
      const validate = ajv.compile(schema);
      for (const sample of samples) expect(validate(sample), `${title}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      const [first] = schema.required as string[];
      expect(validate({ ...samples[0], [first!]: { nested: true } })).toBe(false);
    }
  });
});

describe('observe: incremental, storable, bounded', () => {
  it('one sample at a time, with the shape stored and reloaded in between, learns the same as all at once', () => {
    const samples = [...samplesOf(stripeInvoicePaid, 6), ...samplesOf(githubPush, 3)];
    const straight = learn(samples);
    let stored = JSON.stringify(emptyShape());
    samples.forEach((sample, i) => {
      stored = JSON.stringify(observe(JSON.parse(stored) as Shape, sample, i + 1));
    });
    const reloaded = JSON.parse(stored) as Shape;
    expect(reloaded).toEqual(straight);
    expect(toJsonSchema(reloaded, 'invoice.paid')).toEqual(toJsonSchema(straight, 'invoice.paid'));
    expect(fieldsOf(reloaded)).toEqual(fieldsOf(straight));
    expect(reloaded.samples).toBe(9);
  });

  it('counts without keeping samples: a thousand bodies make a shape no bigger than ten', () => {
    const ten = JSON.stringify(learn(samplesOf(githubPush, 10)));
    const thousand = learn(Array.from({ length: 1000 }, (_, i) => githubPush(i % 3)));
    expect(thousand.samples).toBe(1000);
    expect(JSON.stringify(thousand).length).toBeLessThanOrEqual(ten.length + 200); // only counters grew
  });

  it('keeps three distinct examples, long strings cut', () => {
    const shape = learn(['a', 'b', 'a', 'c', 'd'].map((v) => ({ v, long: 'x'.repeat(500) })));
    const [v, long] = fieldsOf(shape);
    expect(v!.examples).toEqual(['a', 'b', 'c']);
    expect(long!.examples).toEqual([`${'x'.repeat(120)}…`]);
  });

  it('a key named __proto__ is a property like any other, and pollutes nothing', () => {
    const shape = learn([JSON.parse('{"__proto__": {"polluted": true}, "constructor": "x"}'), JSON.parse('{"__proto__": {"polluted": false}}')]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const reloaded = JSON.parse(JSON.stringify(shape)) as Shape;
    const schema = toJsonSchema(reloaded, 'e');
    expect(Object.keys(schema.properties as object)).toEqual(['__proto__', 'constructor']);
    expect(Object.hasOwn(schema.properties as object, '__proto__')).toBe(true);
    expect(schema.required).toEqual(['__proto__']);
    expect(fieldsOf(reloaded).map((f) => f.path)).toEqual(['__proto__', '__proto__.polluted', 'constructor']);
  });

  it('stops descending at the depth limit, and says so', () => {
    let deep: unknown = { leaf: 1 };
    for (let i = 0; i < MAX_DEPTH + 10; i++) deep = { next: deep };
    const shape = learn([deep, deep]);
    const paths = fieldsOf(shape).map((f) => f.path);
    expect(Math.max(...paths.map((p) => p.split('.').length))).toBe(MAX_DEPTH);
    expect(JSON.stringify(toJsonSchema(shape, 'deep'))).toContain(`Nested deeper than ${MAX_DEPTH} levels`);
  });

  it(`tracks at most ${MAX_PROPERTIES} property names per object, and says so`, () => {
    const wide = Object.fromEntries(Array.from({ length: MAX_PROPERTIES + 50 }, (_, i) => [`k${i}`, i]));
    const shape = learn([wide, { k0: 1, fresh: true }]);
    const schema = toJsonSchema(shape, 'wide');
    expect(Object.keys(schema.properties as object)).toHaveLength(MAX_PROPERTIES);
    expect(schema.description).toContain(`Only the first ${MAX_PROPERTIES} property names`);
  });

  it(`looks at the first ${MAX_ITEMS_PER_ARRAY} elements of an array`, () => {
    const items: unknown[] = Array.from({ length: 1000 }, (_, i) => i);
    items[MAX_ITEMS_PER_ARRAY + 5] = 'late string';
    expect(prop(body([{ items }]), 'items')).toEqual({ type: 'array', items: { type: 'integer' } });
  });

  it(`bounds the whole shape at ${MAX_NODES} nodes, whatever the body`, () => {
    // Many objects each under the per-object cap: only the shape-wide budget stops this one.
    const body = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`o${i}`, Object.fromEntries(Array.from({ length: 400 }, (_, j) => [`f${j}`, `${i}.${j}`]))]));
    const shape = learn([body, body]);
    expect(shape.nodes).toBe(MAX_NODES);
    expect(fieldsOf(shape)).toHaveLength(MAX_NODES);
    expect(JSON.stringify(shape).length).toBeLessThan(1_000_000);
  });

  it('ignores what is not JSON', () => {
    const shape = learn([undefined, { a: 1, b: undefined }]);
    expect(shape.samples).toBe(1);
    expect(fieldsOf(shape).map((f) => f.path)).toEqual(['a']);
  });
});
