import { headerText, indexedBodyText } from '../search-text';

/**
 * Full-text search on PostgreSQL with the semantics FTS5 gives on SQLite: every word typed must
 * appear, each as a prefix, case- and diacritic-insensitively, and what is typed is searched for,
 * never executed as query syntax.
 *
 * Words are cut here, in JS, the way FTS5's unicode61 tokenizer cuts them (runs of letters and
 * digits; everything else separates), not by PostgreSQL's text parser: that one keeps emails,
 * URLs, paths and hyphenated words whole ("ada@example.com" is one token), so "example" would not
 * find them where SQLite does. The stored tsvector is built from these words with
 * array_to_tsvector (no parser, no stemming, no stop words), and a search is a tsquery built from
 * the same words, passed as `$n::tsquery` (a cast reads the literal, it does not re-parse words).
 *
 * Folding differs from unicode61 in one way: marks are stripped after NFD for every script (FTS5
 * strips Latin diacritics only), so "é" finds "e" as there, and also e.g. "ド" finds "ト". Query and
 * rows are folded alike, so this only widens matches.
 */

/**
 * PostgreSQL's limits, which array_to_tsvector does not check for us: a lexeme is at most 2047
 * bytes and a tsvector's lexemes at most 1 MiB together.
 *
 * A longer word is cut to its first 2047 bytes (whole characters), in rows and queries alike, so a
 * prefix search still finds it (skipping it would lose those hits; SQLite has no such limit).
 * Distinct words stop being added past WORDS_BUDGET_BYTES (in order: path, headers, body): a text
 * body with more than ~900 KB of distinct words (dumps, base64 with separators) is searchable by
 * the words of its start, beyond which SQLite would still find more.
 */
const MAX_WORD_BYTES = 2047;
export const WORDS_BUDGET_BYTES = 900_000;

/** What unicode61 keeps in a word (letters, digits, private use) plus marks, which folding strips. */
const WORD_CHAR = /^[\p{L}\p{N}\p{Co}\p{M}]$/u;
const MARKS = /\p{M}+/gu;

/** Per UTF-16 unit outside the surrogates: 0 not looked up yet, 1 word character, 2 separator. */
const bmpKind = new Uint8Array(0x10000);

function isBmpWordChar(unit: number): boolean {
  let kind = bmpKind[unit]!;
  if (kind === 0) {
    kind = WORD_CHAR.test(String.fromCharCode(unit)) ? 1 : 2;
    bmpKind[unit] = kind;
  }
  return kind === 1;
}

/**
 * Calls `onWord` with each run of word characters as written; stops when it returns false.
 * A hand-written scan: a global Unicode regex took ~150 ms for a 4 MiB JSON body, this ~50 ms.
 */
function scanWords(text: string, onWord: (raw: string, ascii: boolean) => boolean): void {
  let start = -1;
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let word: boolean;
    let width = 1;
    if (unit < 0xd800 || unit > 0xdfff) {
      word = isBmpWordChar(unit);
    } else {
      // A surrogate pair is one character (emoji are separators, CJK extensions letters); a lone half separates.
      const point = text.codePointAt(i)!;
      width = point > 0xffff ? 2 : 1;
      word = point > 0xffff && WORD_CHAR.test(String.fromCodePoint(point));
    }
    if (word) {
      if (start < 0) {
        start = i;
        ascii = true;
      }
      if (unit > 0x7f) ascii = false;
    } else if (start >= 0) {
      if (!onWord(text.slice(start, i), ascii)) return;
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) onWord(text.slice(start), ascii);
}

/** A word lowercased, without diacritics (NFC at the end joins what NFD split but did not strip: Hangul). */
function fold(raw: string, ascii: boolean): string {
  const lower = raw.toLowerCase();
  // Most of what is indexed is ASCII (JSON, headers): normalising it would only cost time.
  return ascii ? lower : lower.normalize('NFD').replace(MARKS, '').normalize('NFC');
}

/** A word cut to MAX_WORD_BYTES of UTF-8, on a character boundary. */
function fitWord(word: string): string {
  // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
  if (word.length * 3 <= MAX_WORD_BYTES || Buffer.byteLength(word) <= MAX_WORD_BYTES) return word;
  let bytes = 0;
  let end = 0;
  for (const char of word) {
    const size = Buffer.byteLength(char);
    if (bytes + size > MAX_WORD_BYTES) break;
    bytes += size;
    end += char.length;
  }
  return word.slice(0, end);
}

/** The word a run of word characters is stored and searched as ('' for marks alone). */
function wordOf(raw: string, ascii: boolean): string {
  return fitWord(fold(raw, ascii));
}

/** The words of a text, folded and fitted, in order, with repeats. */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  scanWords(text, (raw, ascii) => {
    const word = wordOf(raw, ascii);
    if (word !== '') words.push(word);
    return true;
  });
  return words;
}

/** Collects distinct words up to the budget. */
class WordSet {
  readonly words = new Set<string>();
  /** Runs already seen as written: a repeated word is not folded again. */
  private readonly seen = new Set<string>();
  private bytes = 0;

  /** False once the budget is spent (the caller stops). */
  add(text: string): boolean {
    let open = true;
    scanWords(text, (raw, ascii) => {
      if (this.seen.has(raw)) return true;
      this.seen.add(raw);
      const word = wordOf(raw, ascii);
      if (word === '' || this.words.has(word)) return true;
      const size = ascii ? word.length : Buffer.byteLength(word);
      if (this.bytes + size > WORDS_BUDGET_BYTES) return (open = false);
      this.bytes += size;
      this.words.add(word);
      return true;
    });
    return open;
  }
}

/**
 * The distinct words a request is found by (for `array_to_tsvector`): its path, its headers as
 * "name: value" lines (`headers` is the stored JSON), and its body's indexed head if it is UTF-8.
 */
export function requestWords(path: string, headers: string, body: Buffer): string[] {
  const set = new WordSet();
  // The body is not even decoded once the budget is spent.
  if (set.add(path) && set.add(headerText(headers))) set.add(indexedBodyText(body));
  return [...set.words];
}

/** A tsquery lexeme literal. Words hold letters and digits only, but quoting must not rely on it. */
function lexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The tsquery for what a user typed, or null when nothing was typed (no text condition).
 *
 * Like the FTS5 query of sqlite/request-query.ts: each typed word (split at white space and NUL)
 * must appear; its last part as a prefix, the parts before it whole ("ada@exa" is `'ada' &
 * 'exa':*`, as FTS5 reads `"ada@exa"*`). FTS5 also wants those parts next to each other; stored
 * without positions, here they need only all appear. Typed words with no letters or digits add
 * nothing; when no word has any, the query is '' and matches no row (FTS5 finds nothing either).
 */
export function searchQuery(text: string): string | null {
  const typed = text.split(/[\s\0]+/).filter((w) => w.length > 0);
  if (typed.length === 0) return null;
  const terms = new Set<string>();
  for (const word of typed) {
    const parts = tokenize(word);
    parts.forEach((part, i) => terms.add(i === parts.length - 1 ? `${lexeme(part)}:*` : lexeme(part)));
  }
  return [...terms].join(' & ');
}
