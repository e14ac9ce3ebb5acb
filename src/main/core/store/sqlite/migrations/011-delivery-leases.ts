/**
 * Claims with a lease, the same on SQLite as on PostgreSQL: a claimed delivery holds a random
 * `claim_token` (only its holder can record the attempt) and `lease_until` (ms), after which
 * another sender may take it over. `lease_until` is set exactly while the state is 'sending', so
 * `coalesce(lease_until, next_attempt_at)` is when a pending or claimed delivery can be claimed
 * next, and one index answers both "what is due, oldest first" and "when is the next due".
 * Rows left 'sending' by an older version have no lease: they get an ended one.
 */
export const sql = `
ALTER TABLE deliveries ADD COLUMN claim_token TEXT;
ALTER TABLE deliveries ADD COLUMN lease_until INTEGER;
UPDATE deliveries SET lease_until = 0 WHERE state = 'sending';
CREATE INDEX deliveries_claim ON deliveries (target_id, coalesce(lease_until, next_attempt_at), id) WHERE state IN ('pending', 'sending');
`;
