/**
 * Webhook contracts (issue 15): the JSON Schema learned per (endpoint, event), and each capture's
 * drift from it.
 *
 * - `requests.drift`: the JSON list of differences a capture was flagged with at capture time;
 *   NULL = not flagged (most rows). Both indexes are partial, so they hold flagged rows only and
 *   cost nothing for the rest: `requests_drift_time` walks the `drift` filter newest first,
 *   `requests_drift_event` counts flagged captures per schema without touching the table.
 * - `schemas`: one row per (endpoint, event); `endpoint` '' is the default inbox (a primary key
 *   cannot tell NULLs apart). `shape` is the learned shape as JSON (what a JSON Schema is derived
 *   from), `pinned` a JSON Schema captures are validated against instead, `version` grows with
 *   every write so a writer can tell whether its cached copy is still the current one.
 */
export const sql = `
ALTER TABLE requests ADD COLUMN drift TEXT;
CREATE INDEX requests_drift_time ON requests (received_at) WHERE drift IS NOT NULL;
CREATE INDEX requests_drift_event ON requests (endpoint, event) WHERE drift IS NOT NULL;

CREATE TABLE schemas (
  endpoint   TEXT    NOT NULL,           -- endpoint slug, '' for the default inbox
  event      TEXT    NOT NULL,
  shape      TEXT    NOT NULL,           -- JSON: the learned shape
  samples    INTEGER NOT NULL,           -- JSON bodies the shape learned from
  first_seen INTEGER NOT NULL,           -- ms
  last_seen  INTEGER NOT NULL,           -- ms
  pinned     TEXT,                       -- JSON Schema 2020-12 captures are validated against; NULL: the learned one
  version    INTEGER NOT NULL,
  PRIMARY KEY (endpoint, event)
);
`;
