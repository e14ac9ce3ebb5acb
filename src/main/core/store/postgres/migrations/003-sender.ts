/**
 * The sender, as SQLite has it after its migrations 007 and 011: targets, one delivery per
 * (event, target) with the exact body every attempt sends, its schedule and its claim, and every
 * attempt. Same columns and meanings (ms times as BIGINT, JSON as TEXT); flags are booleans.
 *
 * A claimed delivery ('sending') holds `claim_token` and `lease_until`, set exactly while it is
 * claimed; `coalesce(lease_until, next_attempt_at)` is therefore when it can be claimed next
 * (pending: due; sending: its holder's lease ends), and deliveries_claim, on that expression,
 * serves both the claim query (oldest first, FOR UPDATE SKIP LOCKED) and "when is the next due"
 * without a sort. It replaces SQLite's deliveries_due; SQLite's deliveries_next is not used by any
 * query and is left out.
 */
export const sql = `
CREATE TABLE targets (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url             TEXT    NOT NULL,
  events          TEXT    NOT NULL,               -- JSON array of names; "*" = every event
  provider        TEXT    NOT NULL,
  scheme          TEXT    NOT NULL,
  custom_scheme   TEXT,                           -- JSON, for scheme 'custom'
  secret_sealed   BYTEA,                          -- sealed by the SecretSealer, never plain
  secret_hint     TEXT,
  format          TEXT    NOT NULL,               -- 'auto' | 'raw' | 'slack' | 'discord'
  retry_schedule  TEXT    NOT NULL,               -- JSON seconds before each retry
  timeout_ms      BIGINT  NOT NULL,
  ssrf            TEXT    NOT NULL,               -- 'off' | 'public-only'
  concurrency     INTEGER NOT NULL,
  active          BOOLEAN NOT NULL,
  paused          BOOLEAN NOT NULL DEFAULT false, -- deliveries queue up and wait for resume
  disabled_reason TEXT,
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL
);

CREATE TABLE deliveries (
  id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        TEXT    NOT NULL,
  event           TEXT    NOT NULL,
  provider        TEXT    NOT NULL,
  target_id       BIGINT  NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  url             TEXT    NOT NULL,
  idempotency_key TEXT    NOT NULL UNIQUE,
  body            BYTEA   NOT NULL,               -- the exact bytes every attempt sends
  test            BOOLEAN NOT NULL DEFAULT false,
  state           TEXT    NOT NULL,               -- 'pending' | 'sending' | 'succeeded' | 'dead'
  attempts        INTEGER NOT NULL DEFAULT 0,     -- attempt numbers taken (by claims)
  cycle_attempts  INTEGER NOT NULL DEFAULT 0,     -- attempts since the last manual resend
  next_attempt_at BIGINT,                         -- ms; set while pending
  last_status     INTEGER,
  last_error      TEXT,
  claim_token     TEXT,                           -- set while sending: only its holder records
  lease_until     BIGINT,                         -- ms; set while sending: then others may take over
  created_at      BIGINT  NOT NULL,
  updated_at      BIGINT  NOT NULL,
  UNIQUE (event_id, target_id)
);
CREATE INDEX deliveries_claim ON deliveries (target_id, (coalesce(lease_until, next_attempt_at)), id) WHERE state IN ('pending', 'sending');
CREATE INDEX deliveries_state ON deliveries (state, id);
CREATE INDEX deliveries_event ON deliveries (event, id);
-- PostgreSQL does not index a foreign key by itself: deleting a target (cascade) and clearing one
-- target's finished deliveries find its rows here.
CREATE INDEX deliveries_target ON deliveries (target_id, id);

CREATE TABLE delivery_attempts (
  id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id        BIGINT  NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  target_id          BIGINT  NOT NULL,
  event              TEXT    NOT NULL,
  attempt            INTEGER NOT NULL,
  url                TEXT    NOT NULL,
  method             TEXT    NOT NULL,
  headers            TEXT    NOT NULL,            -- JSON [[name, value], ...] as sent (body: the delivery's)
  outcome            TEXT    NOT NULL,
  status             INTEGER,
  response_headers   TEXT,
  response_body      BYTEA,
  response_truncated BOOLEAN NOT NULL DEFAULT false,
  error_message      TEXT,
  scheduled_for      BIGINT  NOT NULL,
  started_at         BIGINT  NOT NULL,
  duration_ms        INTEGER NOT NULL,
  next_retry_at      BIGINT
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, id);
CREATE INDEX delivery_attempts_event ON delivery_attempts (event, id);
CREATE INDEX delivery_attempts_started ON delivery_attempts (started_at);
`;
