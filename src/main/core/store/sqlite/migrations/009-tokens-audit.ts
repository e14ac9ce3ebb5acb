/**
 * Named API tokens and the audit log (issue 13).
 *
 * A token is stored as the SHA-256 of its text, never the text: the server looks the presented
 * token up by that hash. Revoking keeps the row (revoked_at) so the audit log's names stay
 * meaningful; only one live token may hold a name, and a revoked name may be given out again.
 * The audit log records who called which mutation, on what, and how it ended.
 */
export const sql = `
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT    NOT NULL,
  role         TEXT    NOT NULL,                 -- 'viewer' | 'member' | 'admin'
  hash         TEXT    NOT NULL UNIQUE,          -- hex SHA-256 of the token
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  actor      TEXT    NOT NULL,
  actor_role TEXT    NOT NULL,
  method     TEXT    NOT NULL,
  target     TEXT    NOT NULL,
  outcome    TEXT    NOT NULL                    -- 'ok' or an error code
);
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_method ON audit_log (method, id);
CREATE INDEX audit_log_at ON audit_log (at);
`;
