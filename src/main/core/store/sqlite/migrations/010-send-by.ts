/**
 * Who sent each send: the caller's name for replays and for `hookbench listen` forwards (kind
 * 'listen', reported by the listener), so a team sees whose laptop got a capture. NULL for an
 * endpoint's automatic forward and for sends recorded before this migration.
 */
export const sql = `
ALTER TABLE request_sends ADD COLUMN by_name TEXT;
`;
