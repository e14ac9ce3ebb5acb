/**
 * Signatures: each endpoint's scheme (null = detect from the headers), its custom scheme, and its
 * secrets (several, for rotation; encrypted by a SecretBox, never stored in clear). Each request
 * gets the verdict reached at capture time, filterable.
 */
export const sql = `
ALTER TABLE endpoints ADD COLUMN scheme TEXT;
ALTER TABLE endpoints ADD COLUMN custom_scheme TEXT;  -- JSON CustomScheme when scheme = 'custom'
CREATE TABLE endpoint_secrets (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint   TEXT    NOT NULL REFERENCES endpoints (slug) ON DELETE CASCADE,
  sealed     BLOB    NOT NULL,                      -- SecretBox output
  hint       TEXT    NOT NULL,                      -- last characters, to tell secrets apart
  created_at INTEGER NOT NULL
);
CREATE INDEX endpoint_secrets_endpoint ON endpoint_secrets (endpoint, id);
ALTER TABLE requests ADD COLUMN verification TEXT;   -- 'valid' | 'invalid' | 'unsigned'; NULL: no secret to check with
-- Partial: most requests come to endpoints without secrets, and a NULL-only entry per capture
-- would cost every insert for nothing.
CREATE INDEX requests_verification_time ON requests (verification, received_at) WHERE verification IS NOT NULL;
`;
