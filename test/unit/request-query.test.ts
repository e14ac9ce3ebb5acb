import { describe, expect, it } from 'vitest';
import { buildSource, buildWhere, ftsQuery, orderBy, qualify } from '../../src/main/core/store/repos/request-query';
import { RequestFilter } from '../../src/shared/request-filter';

const where = (input: Parameters<typeof RequestFilter.parse>[0], after = null as { receivedAt: number; id: number } | null) =>
  buildWhere(RequestFilter.parse(input), after);

describe('buildWhere', () => {
  it('is empty without a filter', () => {
    expect(where({})).toEqual({ sql: '', params: [] });
  });

  it('uses the status index for one exact code (already in time order)', () => {
    expect(where({ status: '404' })).toEqual({ sql: 'WHERE status = ?', params: [404] });
  });

  it('turns codes and classes into ranges', () => {
    expect(where({ status: '4xx' })).toEqual({ sql: 'WHERE +status BETWEEN ? AND ?', params: [400, 499] });
    expect(where({ status: ['404', '5xx'] })).toEqual({
      sql: 'WHERE (+status BETWEEN ? AND ? OR +status BETWEEN ? AND ?)',
      params: [404, 404, 500, 599],
    });
  });

  it('binds every value as a parameter, never into the SQL', () => {
    const hostile = "x' OR 1=1 --";
    const clause = where({ event: [hostile], method: hostile, endpoint: hostile, q: hostile });
    expect(clause.sql).not.toContain(hostile);
    expect(clause.params).toContain(hostile);
  });

  it('selects the default inbox with the empty slug', () => {
    expect(where({ endpoint: '' }).sql).toBe('WHERE endpoint IS NULL');
    expect(where({ endpoint: ['', 'gh'] })).toEqual({ sql: 'WHERE (endpoint IN (?) OR endpoint IS NULL)', params: ['gh'] });
  });

  it('combines filters with AND, in index-friendly form, and adds the keyset position last', () => {
    const clause = where({ event: 'a', status: '2xx', from: 10, to: 20 }, { receivedAt: 15, id: 7 });
    expect(clause.sql).toBe('WHERE event IN (?) AND +status BETWEEN ? AND ? AND received_at >= ? AND received_at <= ? AND (received_at, id) < (?, ?)');
    expect(clause.params).toEqual(['a', 200, 299, 10, 20, 15, 7]);
    expect(where({ order: 'oldest' }, { receivedAt: 1, id: 2 }).sql).toBe('WHERE (received_at, id) > (?, ?)');
  });

  it('orders by time then id', () => {
    expect(orderBy('newest')).toBe('ORDER BY received_at DESC, id DESC');
    expect(orderBy('oldest')).toBe('ORDER BY received_at ASC, id ASC');
  });
});

describe('ftsQuery', () => {
  it('quotes every word as a prefix term, so FTS5 syntax in the input is inert', () => {
    expect(ftsQuery('great tool')).toBe('"great"* "tool"*');
    expect(ftsQuery('say "hi" NEAR(x)')).toBe('"say"* """hi"""* "NEAR(x)"*');
    expect(ftsQuery('   ')).toBeNull();
  });

  it('splits words at NUL, which FTS5 would read as the end of the query', () => {
    expect(ftsQuery('a\u0000b')).toBe('"a"* "b"*');
    expect(ftsQuery('\u0000')).toBeNull();
  });
});

describe('buildSource', () => {
  it('without text: the requests table in (received_at, id) order', () => {
    const source = buildSource(RequestFilter.parse({ event: 'a' }), { receivedAt: 5, id: 9 });
    expect(source.from).toBe('FROM requests');
    expect(source.order).toBe('ORDER BY received_at DESC, id DESC');
    expect(source.params).toEqual(['a', 5, 9]);
  });

  it('with text: driven by FTS5 in rowid order, other filters applied to the joined rows, keyset on the id', () => {
    const source = buildSource(RequestFilter.parse({ q: 'ada', status: '5xx', order: 'oldest' }), { receivedAt: 5, id: 9 });
    expect(source.from).toBe('FROM requests_fts JOIN requests ON requests.id = requests_fts.rowid');
    expect(source.where).toBe('WHERE requests_fts MATCH ? AND +status BETWEEN ? AND ? AND requests_fts.rowid > ?');
    expect(source.order).toBe('ORDER BY requests_fts.rowid ASC');
    expect(source.params).toEqual(['"ada"*', 500, 599, 9]);
  });

  it('qualifies selected columns (path exists in both tables)', () => {
    expect(qualify('id, path')).toBe('requests.id, requests.path');
  });
});

describe('buildSource with text and a selective condition', () => {
  it('lets the event/date index drive and checks the match set', () => {
    const source = buildSource(RequestFilter.parse({ q: 'ada', event: 'push', from: 10 }), { receivedAt: 5, id: 9 });
    expect(source.from).toBe('FROM requests');
    expect(source.where).toBe(
      'WHERE event IN (?) AND received_at >= ? AND (received_at, id) < (?, ?) AND requests.id IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH ?)',
    );
    expect(source.order).toBe('ORDER BY received_at DESC, id DESC');
    expect(source.params).toEqual(['push', 10, 5, 9, '"ada"*']);
  });
});
