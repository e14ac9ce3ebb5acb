import { describe, expect, it } from 'vitest';
import { contract, fillRoute, methodNames, tokenToWsProtocol, wsProtocolToToken } from '../../src/shared/contract';
import { decodeCursor, encodeCursor } from '../../src/main/core/store/request-cursor';

describe('contract', () => {
  it('gives every method a unique REST route under /api/v2', () => {
    const routes = methodNames.map((n) => `${contract[n].route.method} ${contract[n].route.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    for (const r of routes) expect(r).toMatch(/^(GET|POST|PUT|DELETE) \/api\/v2\//);
  });

  it('fills route parameters and returns the rest of the input', () => {
    expect(fillRoute('/api/v2/requests/:id', { id: 7, x: 1 })).toEqual({ path: '/api/v2/requests/7', rest: { x: 1 } });
    expect(fillRoute('/api/v2/endpoints/:slug', { slug: 'a b/c' }).path).toBe('/api/v2/endpoints/a%20b%2Fc');
    expect(() => fillRoute('/api/v2/requests/:id', {})).toThrow(/id/);
  });

  it('coerces GET inputs from query strings', () => {
    expect(contract.listRequests.input.parse({ limit: '5' })).toEqual({ limit: 5, order: 'newest' });
    expect(contract.listRequests.input.parse({})).toEqual({ limit: 100, order: 'newest' });
    // A repeated query parameter arrives as a list, a single one as a string: both become lists.
    expect(contract.listRequests.input.parse({ event: 'a', status: ['4XX', '201'], method: 'post', from: '1000' })).toMatchObject({
      event: ['a'],
      status: ['4xx', '201'],
      method: ['POST'],
      from: 1000,
    });
    expect(contract.listRequests.input.parse({ from: '2026-11-24T10:00:00Z' }).from).toBe(Date.parse('2026-11-24T10:00:00Z'));
    expect(contract.listRequests.input.safeParse({ status: '4x' }).success).toBe(false);
    expect(contract.listRequests.input.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(contract.getRequest.input.safeParse({ id: '0' }).success).toBe(false);
  });

  it('round-trips any token through the WebSocket subprotocol form', () => {
    for (const token of ['abc', 'with space,comma=and=equals', 'ünïcødé-🙂', 'x'.repeat(200)]) {
      const protocol = tokenToWsProtocol(token);
      expect(protocol).toMatch(/^bearer\.[0-9a-f]+$/);
      expect(wsProtocolToToken(protocol)).toBe(token);
    }
    expect(wsProtocolToToken('hookbench.v1')).toBeNull();
    expect(wsProtocolToToken('bearer.zz')).toBeNull();
  });

  it('keeps cursors opaque and rejects forged ones', () => {
    expect(decodeCursor(encodeCursor({ receivedAt: 1_700_000_000_000, id: 42 }))).toEqual({ receivedAt: 1_700_000_000_000, id: 42 });
    expect(decodeCursor('zzz')).toBeNull();
    expect(decodeCursor(Buffer.from('{"t":1,"id":-1}').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('{"id":5}').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('{"id":"1 OR 1"}').toString('base64url'))).toBeNull();
  });
});
