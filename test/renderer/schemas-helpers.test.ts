import { describe, expect, it } from 'vitest';
import type { RequestSummary } from '../../src/shared/request-schemas';
import { driftLine } from '../../src/renderer/src/format';
import { EMPTY_VIEW, isFiltered, matchesView, viewFromSearch, viewToFilter, viewToSearch } from '../../src/shared/filter-url';
import { fieldDepth, fieldName, schemaFileName } from '../../src/renderer/src/features/schemas/schema-names';

/** The Drift toggle in the inbox URL and filter, and the small display helpers of the Schemas view. */
describe('inbox view: the Drift toggle', () => {
  it('lives in the URL beside the other filters and reaches the API filter', () => {
    expect(viewToSearch({ ...EMPTY_VIEW, drift: true })).toBe('?drift=true');
    expect(viewToSearch({ ...EMPTY_VIEW, event: ['order.created'], drift: true })).toBe('?event=order.created&drift=true');
    expect(viewFromSearch('?event=order.created&drift=true')).toMatchObject({ event: ['order.created'], drift: true });
    expect(viewFromSearch('?event=order.created').drift).toBe(false);
    expect(viewToFilter({ ...EMPTY_VIEW, drift: true }, Date.now())).toMatchObject({ drift: true });
    expect(viewToFilter(EMPTY_VIEW, Date.now())).not.toHaveProperty('drift');
    expect(isFiltered({ ...EMPTY_VIEW, drift: true })).toBe(true);
    expect(isFiltered(EMPTY_VIEW)).toBe(false);
  });

  it('lets only flagged captures into a Drift view', () => {
    const capture = { event: 'order.created', status: 200, method: 'POST', endpoint: null, verification: null, receivedAt: new Date().toISOString() } as unknown as RequestSummary;
    const flagged = { ...capture, drift: [{ kind: 'new_field' as const, path: 'coupon', expected: null, actual: 'string' }] };
    const view = { ...EMPTY_VIEW, drift: true };
    expect(matchesView({ ...capture, drift: null }, view, Date.now())).toBe(false);
    expect(matchesView(flagged, view, Date.now())).toBe(true);
    expect(matchesView({ ...capture, drift: null }, EMPTY_VIEW, Date.now())).toBe(true);
  });
});

describe('schema display helpers', () => {
  it('indents a field by its dots and array steps', () => {
    expect(fieldDepth('amount')).toBe(0);
    expect(fieldDepth('customer.email')).toBe(1);
    expect(fieldDepth('items[]')).toBe(1);
    expect(fieldDepth('data.items[].sku')).toBe(3);
    expect(fieldName('data.items[].sku')).toBe('sku');
    expect(fieldName('data.items[]')).toBe('items[]');
    expect(fieldName('amount')).toBe('amount');
  });

  it('words differences and names schema files', () => {
    expect(driftLine({ kind: 'type_changed', path: 'amount', expected: 'integer', actual: 'string' })).toBe('type changed amount: integer → string');
    expect(driftLine({ kind: 'new_field', path: 'coupon', expected: null, actual: 'string' })).toBe('new field coupon: string');
    expect(driftLine({ kind: 'missing_field', path: 'note', expected: 'string', actual: null })).toBe('missing field note: string');
    expect(schemaFileName({ event: 'order.created', endpoint: null })).toBe('order.created.schema.json');
    expect(schemaFileName({ event: 'issues/opened', endpoint: 'gh' })).toBe('gh-issues_opened.schema.json');
  });
});
