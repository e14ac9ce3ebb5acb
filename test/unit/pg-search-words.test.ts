import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { requestWords, searchQuery, tokenize, WORDS_BUDGET_BYTES } from '../../src/main/core/store/postgres/search-words';
import { INDEXED_BODY_BYTES } from '../../src/main/core/store/search-text';

/** The words SQLite's FTS5 (unicode61, as the SQLite adapter indexes) makes of a text, sorted. */
function fts5Words(text: string): string[] {
  const db = new BetterSqlite3(':memory:');
  try {
    db.exec("CREATE VIRTUAL TABLE t USING fts5(x, content=''); CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');");
    db.prepare('INSERT INTO t (rowid, x) VALUES (1, ?)').run(text);
    return (db.prepare('SELECT term FROM v ORDER BY term').all() as { term: string }[]).map((r) => r.term);
  } finally {
    db.close();
  }
}

const distinctSorted = (words: string[]) => [...new Set(words)].sort();

describe('tokenize: words as FTS5 unicode61 cuts them', () => {
  it.each([
    ['emails, URLs and hyphenated words split into their words', 'ada@example.com https://foo.bar/baz-qux?x=1 well-known snake_case'],
    ['case folded', 'Content-Type: APPLICATION/JSON; Charset=UTF-8'],
    ['Latin diacritics removed, composed or not', 'Café CRÈME naïve e\u0301te\u0301 Ärger İstanbul'],
    ['digits of other scripts are digits', 'a١٢٣b ²'],
    ['NUL and control characters separate', 'x\u0000y\u0007z\u200bw'],
    ['JSON', '{"event":"invoice.paid","data":{"id":"in_1Ab2","amount":4200}}'],
    ['CJK runs stay whole', '日本語テキスト 中文'],
  ])('%s', (_name, text) => {
    expect(distinctSorted(tokenize(text))).toEqual(fts5Words(text));
  });

  it('strips marks of every script (wider than FTS5, alike for rows and queries)', () => {
    expect(tokenize('Ωμέγα ドラゴン')).toEqual(['ωμεγα', 'トラコン']);
    expect(tokenize('한국어')).toEqual(['한국어']); // NFD splits Hangul into letters; NFC joins them again
  });

  it('emoji separate; a lone surrogate separates', () => {
    expect(tokenize('a😀b c\ud800d 𠀀x')).toEqual(['a', 'b', 'c', 'd', '𠀀x']);
  });

  it('cuts a word longer than a PostgreSQL lexeme (2047 bytes) on a character boundary', () => {
    const [ascii] = tokenize('a'.repeat(5000));
    expect(ascii).toBe('a'.repeat(2047));
    const [wide] = tokenize('é'.repeat(3000)); // folded to 'e'
    expect(wide).toBe('e'.repeat(2047));
    const [cjk] = tokenize('語'.repeat(1000)); // 3 bytes each: 682 fit
    expect(Buffer.byteLength(cjk!)).toBe(2046);
  });
});

describe('requestWords', () => {
  const headers = JSON.stringify([['X-GitHub-Event', 'push'], ['Content-Type', 'application/json']]);

  it('indexes the path, header names and values, and a UTF-8 body, each word once', () => {
    const words = requestWords('/hooks/GitHub', headers, Buffer.from('{"ref":"refs/heads/main","pusher":{"name":"ada"},"ref2":"main"}'));
    expect(words).toEqual(['hooks', 'github', 'x', 'event', 'push', 'content', 'type', 'application', 'json', 'ref', 'refs', 'heads', 'main', 'pusher', 'name', 'ada', 'ref2']);
  });

  it('leaves binary bodies out, and indexes only the first INDEXED_BODY_BYTES', () => {
    expect(requestWords('/', '[]', Buffer.from([0x66, 0x6f, 0x6f, 0xff, 0xfe, 0x62, 0x61, 0x72]))).toEqual([]);
    const body = Buffer.concat([Buffer.from('start '), Buffer.alloc(INDEXED_BODY_BYTES, 0x20), Buffer.from(' beyond')]);
    expect(requestWords('/', '[]', body)).toEqual(['start']);
  });

  it('indexes a body cut inside a multi-byte character at the limit', () => {
    const body = Buffer.concat([Buffer.from('head '), Buffer.alloc(INDEXED_BODY_BYTES - 6, 0x20), Buffer.from('é tail')]);
    expect(requestWords('/', '[]', body)).toEqual(['head']);
  });

  it('stops adding distinct words at the budget (a tsvector must stay under 1 MB)', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => `w${i.toString(36).padStart(6, '0')}`).join(' ');
    const words = requestWords('/', '[]', Buffer.from(many));
    const bytes = words.reduce((sum, w) => sum + Buffer.byteLength(w), 0);
    expect(bytes).toBeLessThanOrEqual(WORDS_BUDGET_BYTES);
    expect(bytes).toBeGreaterThan(WORDS_BUDGET_BYTES - 10);
    expect(words[0]).toBe('w000000');
  });

  it('cuts a 4 MiB JSON body into words in well under a second', () => {
    const items = Array.from({ length: 40_000 }, (_, i) => JSON.stringify({ id: i, user: `user${i}@example.com`, text: `Lorem ipsum ${i} naïve café` }));
    const body = Buffer.from(`[${items.join(',')}]`.padEnd(4 * 1024 * 1024, ' '));
    const started = performance.now();
    const words = requestWords('/', '[]', body);
    const ms = performance.now() - started;
    expect(words.length).toBeGreaterThan(80_000);
    expect(ms).toBeLessThan(1_000);
  });
});

describe('searchQuery', () => {
  it('every typed word as a prefix; the parts of one typed word before its last, whole', () => {
    expect(searchQuery('Great tool')).toBe("'great':* & 'tool':*");
    expect(searchQuery('ada@exa')).toBe("'ada' & 'exa':*");
    expect(searchQuery('Crème')).toBe("'creme':*");
  });

  it('operators, quotes, backslashes and NUL are searched for (as words), never executed', () => {
    expect(searchQuery(`say "hi" NEAR(x) o'brien a\\b & | ! <-> :*`)).toBe("'say':* & 'hi':* & 'near' & 'x':* & 'o' & 'brien':* & 'a' & 'b':*");
    expect(searchQuery('a\u0000b')).toBe("'a':* & 'b':*");
  });

  it('null when nothing was typed; empty when nothing searchable was', () => {
    expect(searchQuery('  \u0000 ')).toBeNull();
    expect(searchQuery('"* -- &')).toBe('');
  });
});
