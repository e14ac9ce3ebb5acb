import { describe, expect, it } from 'vitest';
import { DriftDifference } from '../../../src/shared/contracts/drift';
import { diffAgainstShape, emptyShape, fieldsOf, observe } from '../../../src/shared/contracts/shape';
import { githubPush, learn, samplesOf, slackAppMention, stripeInvoicePaid } from './samples';

const invoices = learn(samplesOf(stripeInvoicePaid, 9));

/** The parts of a Stripe invoice.paid body the tests change. */
type InvoiceBody = Record<string, unknown> & {
  request: Record<string, unknown>;
  data: { object: Record<string, unknown> & { lines: { data: unknown[] } } };
};

/** A Stripe invoice.paid body changed by `edit` (which gets a fresh copy). */
function invoice(edit: (body: InvoiceBody) => void): unknown {
  const body = structuredClone(stripeInvoicePaid(0)) as InvoiceBody;
  edit(body);
  return body;
}

describe('diffAgainstShape', () => {
  it('finds nothing in bodies like the ones learned, including those it learned from', () => {
    for (const sample of samplesOf(stripeInvoicePaid, 12)) expect(diffAgainstShape(invoices, sample)).toEqual([]);
    const pushes = learn(samplesOf(githubPush, 3));
    expect(diffAgainstShape(pushes, githubPush(1))).toEqual([]);
    const mentions = learn(samplesOf(slackAppMention, 3));
    expect(diffAgainstShape(mentions, slackAppMention(2))).toEqual([]);
  });

  it('finds nothing before anything was learned', () => {
    expect(diffAgainstShape(emptyShape(), { anything: 1 })).toEqual([]);
  });

  it('new_field: a property never seen, reported once where it starts', () => {
    const body = invoice((b) => {
      b.data.object.payment_intent = { id: 'pi_1', status: 'succeeded' };
    });
    expect(diffAgainstShape(invoices, body)).toEqual([{ kind: 'new_field', path: 'data.object.payment_intent', expected: null, actual: 'object' }]);
  });

  it('missing_field: only a required one', () => {
    const body = invoice((b) => {
      delete b.data.object.customer;
      delete b.data.object.discount; // optional: fine
    });
    expect(diffAgainstShape(invoices, body)).toEqual([{ kind: 'missing_field', path: 'data.object.customer', expected: 'string', actual: null }]);
  });

  it('type_changed: a type not seen here, null included; an integer where numbers were is fine', () => {
    const body = invoice((b) => {
      b.created = '2023-06-07T10:00:00Z';
      b.data.object.customer = null;
      b.data.object.tax = 99; // tax was 120 and 12.5: a number
      b.data.object.amount_due = 20.5; // always whole before
    });
    expect(diffAgainstShape(invoices, body)).toEqual([
      { kind: 'type_changed', path: 'created', expected: 'integer', actual: 'string' },
      { kind: 'type_changed', path: 'data.object.amount_due', expected: 'integer', actual: 'number' },
      { kind: 'type_changed', path: 'data.object.customer', expected: 'string', actual: 'null' },
    ]);
  });

  it('type_changed names every type that was allowed', () => {
    const body = invoice((b) => {
      b.request.id = 42;
    });
    expect(diffAgainstShape(invoices, body)).toEqual([{ kind: 'type_changed', path: 'request.id', expected: 'string | null', actual: 'integer' }]);
  });

  it('new_enum_value: a string outside an established enum', () => {
    const shape = learn(['usd', 'eur', 'usd', 'eur', 'usd', 'eur'].map((currency) => ({ currency })));
    expect(diffAgainstShape(shape, { currency: 'usd' })).toEqual([]);
    expect(diffAgainstShape(shape, { currency: 'gbp' })).toEqual([{ kind: 'new_enum_value', path: 'currency', expected: '"eur" | "usd"', actual: '"gbp"' }]);
  });

  it('inside arrays: each change once, whatever the number of items', () => {
    const body = invoice((b) => {
      b.data.object.lines.data = Array.from({ length: 50 }, (_, i) => ({ id: `il_${i}`, amount: '20.00', description: 'x', quantity: 1, tax_rates: [] }));
    });
    expect(diffAgainstShape(invoices, body)).toEqual([
      { kind: 'type_changed', path: 'data.object.lines.data[].amount', expected: 'integer', actual: 'string' },
      { kind: 'missing_field', path: 'data.object.lines.data[].price', expected: 'object', actual: null },
      { kind: 'new_field', path: 'data.object.lines.data[].tax_rates', expected: null, actual: 'array' },
    ]);
  });

  it('items in an array only ever seen empty are new', () => {
    const shape = learn([{ tags: [] }, { tags: [] }]);
    expect(diffAgainstShape(shape, { tags: ['vip'] })).toEqual([{ kind: 'new_field', path: 'tags[]', expected: null, actual: 'string' }]);
  });

  it('a different top-level type is a type change at the root', () => {
    expect(diffAgainstShape(invoices, [1, 2])).toEqual([{ kind: 'type_changed', path: '', expected: 'object', actual: 'array' }]);
  });

  it('orders by path, deterministically, and every difference fits the API schema', () => {
    const body = invoice((b) => {
      b.zeta = 1;
      b.alpha = 1;
      delete b.livemode;
      b.data.object.status = 7;
    });
    const differences = diffAgainstShape(invoices, body);
    expect(differences.map((d) => `${d.kind} ${d.path}`)).toEqual([
      'new_field alpha',
      'type_changed data.object.status',
      'missing_field livemode',
      'new_field zeta',
    ]);
    for (const d of differences) expect(DriftDifference.parse(d)).toEqual(d);
    expect(diffAgainstShape(invoices, body)).toEqual(differences);
  });

  it('a drifted body, once observed, is what the shape expects (accepting drift)', () => {
    const shape = learn(samplesOf(stripeInvoicePaid, 3));
    const body = invoice((b) => {
      b.data.object.payment_intent = 'pi_1';
    });
    expect(diffAgainstShape(shape, body)).toHaveLength(1);
    observe(shape, body, 999);
    expect(diffAgainstShape(shape, body)).toEqual([]);
    // ...and the field is now optional, so the old bodies still fit.
    expect(diffAgainstShape(shape, stripeInvoicePaid(1))).toEqual([]);
    expect(fieldsOf(shape).find((f) => f.path === 'data.object.payment_intent')).toMatchObject({ introducedBy: 999, present: 1, of: 4, required: false });
  });
});
