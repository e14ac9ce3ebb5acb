import { describe, expect, it } from 'vitest';
import { SchemaField } from '../../../src/shared/contracts/schema-api';
import { emptyShape, fieldsOf, observe } from '../../../src/shared/contracts/shape';
import { githubPush, samplesOf } from './samples';

describe('fieldsOf', () => {
  it('lists fields depth-first with presence counts, types, enum, format and the capture that introduced each', () => {
    const shape = emptyShape();
    observe(shape, { id: 1, status: 'paid', customer: { email: 'a@example.com' } }, 11);
    observe(shape, { id: 2, status: 'paid', customer: { email: 'b@example.com', name: 'B' }, items: [] }, 12);
    observe(shape, { id: '3', status: 'paid', customer: null, items: [{ sku: 'A' }, { sku: 'B', qty: 2 }] }, 13);

    expect(fieldsOf(shape)).toEqual([
      { path: 'id', types: ['string', 'integer'], present: 3, of: 3, required: true, format: null, enum: null, examples: [1, 2, '3'], introducedBy: 11 },
      { path: 'status', types: ['string'], present: 3, of: 3, required: true, format: null, enum: ['paid'], examples: ['paid'], introducedBy: 11 },
      { path: 'customer', types: ['object', 'null'], present: 3, of: 3, required: true, format: null, enum: null, examples: [], introducedBy: 11 },
      // Counted against the objects at `customer` (two), not the bodies (three).
      { path: 'customer.email', types: ['string'], present: 2, of: 2, required: true, format: 'email', enum: null, examples: ['a@example.com', 'b@example.com'], introducedBy: 11 },
      { path: 'customer.name', types: ['string'], present: 1, of: 2, required: false, format: null, enum: null, examples: ['B'], introducedBy: 12 },
      { path: 'items', types: ['array'], present: 2, of: 3, required: false, format: null, enum: null, examples: [], introducedBy: 12 },
      // Items: present in the non-empty arrays of all the arrays seen.
      { path: 'items[]', types: ['object'], present: 1, of: 2, required: false, format: null, enum: null, examples: [], introducedBy: 13 },
      { path: 'items[].sku', types: ['string'], present: 2, of: 2, required: true, format: null, enum: null, examples: ['A', 'B'], introducedBy: 13 },
      { path: 'items[].qty', types: ['integer'], present: 1, of: 2, required: false, format: null, enum: null, examples: [2], introducedBy: 13 },
    ]);
  });

  it('quotes names that would make a path ambiguous', () => {
    const shape = observe(emptyShape(), { 'a.b': { '': 1, 'x[]': [{ 'say "hi"': true }] } }, 1);
    expect(fieldsOf(shape).map((f) => f.path)).toEqual(['["a.b"]', '["a.b"][""]', '["a.b"]["x[]"]', '["a.b"]["x[]"][]', '["a.b"]["x[]"][]["say \\"hi\\""]']);
  });

  it('a top-level array lists its items; an empty shape lists nothing', () => {
    expect(fieldsOf(observe(emptyShape(), [{ id: 1 }], 5)).map((f) => [f.path, f.types, f.introducedBy])).toEqual([
      ['[]', ['object'], 5],
      ['[].id', ['integer'], 5],
    ]);
    expect(fieldsOf(emptyShape())).toEqual([]);
  });

  it('every field of a real body fits the API schema', () => {
    const shape = emptyShape();
    samplesOf(githubPush, 3).forEach((sample, i) => observe(shape, sample, i + 1));
    const fields = fieldsOf(shape);
    expect(fields.length).toBeGreaterThan(40);
    for (const field of fields) expect(SchemaField.parse(field)).toEqual(field);
    expect(fields.find((f) => f.path === 'head_commit')?.types).toEqual(['object', 'null']);
    expect(fields.find((f) => f.path === 'commits[].timestamp')?.format).toBe('date-time');
  });
});
