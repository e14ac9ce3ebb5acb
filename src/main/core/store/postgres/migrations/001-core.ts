/**
 * Everything but requests, sends and the sender: endpoints and their sealed secrets, retention,
 * settings, API tokens and the audit log. The same tables and columns as SQLite reached by its
 * migrations 004, 005, 006, 008 and 009, so both adapters map rows the same way:
 *
 * - times are BIGINT milliseconds since the epoch, as on SQLite (not timestamptz);
 * - JSON is kept as TEXT, the exact strings SQLite stores;
 * - slugs and token names sort with COLLATE "C" (byte order), as SQLite's BINARY does whatever
 *   the database's own locale is.
 */
export const sql = `
CREATE TABLE endpoints (
  slug          TEXT COLLATE "C" PRIMARY KEY,
  name          TEXT    NOT NULL,
  response      TEXT    NOT NULL,                 -- JSON EndpointResponse
  forward_url   TEXT,
  proxy         BOOLEAN NOT NULL DEFAULT false,
  scheme        TEXT,                             -- NULL: detect from the headers
  custom_scheme TEXT,                             -- JSON CustomScheme when scheme = 'custom'
  created_at    BIGINT  NOT NULL
);

CREATE TABLE retention (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  max_count BIGINT,                               -- NULL: unlimited
  max_bytes BIGINT                                -- NULL: unlimited
);
INSERT INTO retention (id, max_count, max_bytes) VALUES (1, NULL, NULL);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL                             -- JSON
);

CREATE TABLE endpoint_secrets (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint   TEXT COLLATE "C" NOT NULL REFERENCES endpoints (slug) ON DELETE CASCADE,
  sealed     BYTEA  NOT NULL,                     -- SecretSealer output, never plain
  hint       TEXT   NOT NULL,                     -- last characters, to tell secrets apart
  created_at BIGINT NOT NULL
);
CREATE INDEX endpoint_secrets_endpoint ON endpoint_secrets (endpoint, id);

-- A token is stored as the SHA-256 of its text. Revoking keeps the row so the audit log's names
-- stay meaningful; only one live token may hold a name, and a revoked name may be given out again.
CREATE TABLE api_tokens (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         TEXT COLLATE "C" NOT NULL,
  role         TEXT   NOT NULL,                   -- 'viewer' | 'member' | 'admin'
  hash         TEXT   NOT NULL UNIQUE,            -- hex SHA-256 of the token
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at   BIGINT
);
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;

CREATE TABLE audit_log (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         BIGINT NOT NULL,
  actor      TEXT   NOT NULL,
  actor_role TEXT   NOT NULL,
  method     TEXT   NOT NULL,
  target     TEXT   NOT NULL,
  outcome    TEXT   NOT NULL                      -- 'ok' or an error code
);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_method ON audit_log (method, id);
CREATE INDEX audit_log_at ON audit_log (at);
`;
