/**
 * Webhook contracts (issue 15), as SQLite has them after its migration 012: `requests.drift` (the
 * JSON list of differences a capture was flagged with; NULL = not flagged) with two partial
 * indexes over flagged rows only (the `drift` filter in time order; counts per schema, index
 * only), and `schemas`, one row per (endpoint, event) with the learned shape, an optional pinned
 * JSON Schema and a `version` that grows with every write.
 *
 * Adding a nullable column without a default changes only the catalog, however many requests
 * there are; building the partial indexes reads the table once (no rows qualify yet).
 */
export const sql = `
ALTER TABLE requests ADD COLUMN drift TEXT;
CREATE INDEX requests_drift_time ON requests (received_at, id) WHERE drift IS NOT NULL;
CREATE INDEX requests_drift_event ON requests (endpoint, event) WHERE drift IS NOT NULL;

CREATE TABLE schemas (
  endpoint   TEXT    NOT NULL,           -- endpoint slug, '' for the default inbox
  event      TEXT    NOT NULL,
  shape      TEXT    NOT NULL,           -- JSON: the learned shape
  samples    BIGINT  NOT NULL,           -- JSON bodies the shape learned from
  first_seen BIGINT  NOT NULL,           -- ms
  last_seen  BIGINT  NOT NULL,           -- ms
  pinned     TEXT,                       -- JSON Schema 2020-12 captures are validated against; NULL: the learned one
  version    BIGINT  NOT NULL,
  PRIMARY KEY (endpoint, event)
);
`;
