import { describe, expect, it } from 'vitest';
import { Expectation } from '../../../src/shared/contracts/collection';
import { statusMatches, subsetDifferences, unmetExpectations } from '../../../src/main/core/collections/expectations';

const answer = (status: number, body: unknown) => ({ status, body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });

describe('expectations', () => {
  it('a status is matched exactly, a class by its first digit', () => {
    expect(statusMatches(200, 200)).toBe(true);
    expect(statusMatches(200, 204)).toBe(false);
    expect(statusMatches('2xx', 204)).toBe(true);
    expect(statusMatches('2xx', 301)).toBe(false);
    expect(statusMatches('4xx', 422)).toBe(true);
  });

  it('an object is a subset when its keys match recursively; arrays and values must be equal', () => {
    const body = { ok: true, order: { id: 7, items: [1, 2], note: null }, extra: 'x' };
    expect(subsetDifferences({ ok: true, order: { id: 7 } }, body)).toEqual([]);
    expect(subsetDifferences({ order: { items: [1, 2], note: null } }, body)).toEqual([]);
    expect(subsetDifferences({ order: { items: [1] } }, body)).toEqual(['$.order.items: expected [1], got [1,2]']);
    expect(subsetDifferences({ ok: false, order: { sku: 'a' } }, body)).toEqual(['$.ok: expected false, got true', '$.order.sku: missing (expected "a")']);
    expect(subsetDifferences({ a: 1 }, [1])).toEqual(['$: expected an object, got [1]']);
    expect(subsetDifferences('pong', 'pong')).toEqual([]);
  });

  it('lists every miss: the status, a body that is not JSON, each field', () => {
    const expectation = Expectation.parse({ status: '2xx', json: { received: true } });
    expect(unmetExpectations(expectation, answer(200, { received: true, id: 1 }))).toEqual([]);
    expect(unmetExpectations(expectation, answer(500, { received: false }))).toEqual(['status: expected 2xx, got 500', 'body $.received: expected true, got false']);
    expect(unmetExpectations(expectation, answer(200, '<html>oops'))).toEqual(['body: expected JSON, got a body that does not parse as JSON']);
    // Without a JSON expectation the body is not read at all.
    expect(unmetExpectations(Expectation.parse({}), answer(202, '<html>'))).toEqual([]);
  });
});
