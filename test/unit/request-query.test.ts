import { describe, expect, it } from 'vitest';
import { pgOrderBy, pgWhere, SqlParams } from '../../src/main/core/store/postgres/pg-request-query';
import { buildSource, buildWhere, ftsQuery, orderBy, qualify } from '../../src/main/core/store/sqlite/request-query';
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

describe('pgWhere (PostgreSQL)', () => {
  const pg = (input: Parameters<typeof RequestFilter.parse>[0], after = null as { receivedAt: number; id: number } | null) => {
    const params = new SqlParams();
    return { sql: pgWhere(RequestFilter.parse(input), after, params), params: params.values };
  };

  it('is empty without a filter', () => {
    expect(pg({})).toEqual({ sql: '', params: [] });
  });

  it('numbers placeholders in order and passes lists as arrays', () => {
    expect(pg({ event: ['a', 'b'], method: 'post', verification: 'valid' })).toEqual({
      sql: 'WHERE event = ANY($1::text[]) AND method = ANY($2::text[]) AND verification = ANY($3::text[])',
      params: [['a', 'b'], ['POST'], ['valid']],
    });
  });

  it('turns codes and classes into conditions', () => {
    expect(pg({ status: '404' })).toEqual({ sql: 'WHERE status = $1', params: [404] });
    expect(pg({ status: ['404', '5xx'] })).toEqual({ sql: 'WHERE (status = $1 OR status BETWEEN $2 AND $3)', params: [404, 500, 599] });
  });

  it('selects the default inbox with the empty slug', () => {
    expect(pg({ endpoint: '' }).sql).toBe('WHERE endpoint IS NULL');
    expect(pg({ endpoint: ['', 'gh'] })).toEqual({ sql: 'WHERE (endpoint = ANY($1::text[]) OR endpoint IS NULL)', params: [['gh']] });
  });

  it('adds dates, text and the keyset position; binds every value', () => {
    const hostile = "x' OR 1=1 --";
    const clause = pg({ event: hostile, from: 10, to: 20, q: 'ada lovelace' }, { receivedAt: 15, id: 7 });
    expect(clause.sql).toBe('WHERE event = ANY($1::text[]) AND received_at >= $2 AND received_at <= $3 AND search @@ $4::tsquery AND (received_at, id) < ($5, $6)');
    expect(clause.params).toEqual([[hostile], 10, 20, "'ada':* & 'lovelace':*", 15, 7]);
    expect(pg({ order: 'oldest' }, { receivedAt: 1, id: 2 }).sql).toBe('WHERE (received_at, id) > ($1, $2)');
  });

  it('text without letters or digits matches nothing; blank text is no condition', () => {
    expect(pg({ q: '"* --' })).toEqual({ sql: 'WHERE FALSE', params: [] });
    expect(pg({ q: '  ' })).toEqual({ sql: '', params: [] });
  });

  it('orders by time then id', () => {
    expect(pgOrderBy('newest')).toBe('ORDER BY received_at DESC, id DESC');
    expect(pgOrderBy('oldest')).toBe('ORDER BY received_at ASC, id ASC');
  });
});
