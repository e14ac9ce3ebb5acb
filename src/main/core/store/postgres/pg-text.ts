/**
 * A string as PostgreSQL TEXT can hold it: NUL (U+0000) becomes U+FFFD. PostgreSQL refuses NUL in
 * text ("invalid byte sequence"), which SQLite stores; an event name read from a body
 * (`{"type":"a\u0000b"}`) or an imported path can carry one, and a refused row would fail every
 * capture of its group commit. Bodies (BYTEA) and headers (JSON escapes NUL) stay exact.
 */
export function pgText<T extends string | null>(value: T): T {
  return (value !== null && value.includes('\0') ? value.replaceAll('\0', '\ufffd') : value) as T;
}
