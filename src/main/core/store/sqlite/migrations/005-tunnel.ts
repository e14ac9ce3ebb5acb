/**
 * Tunnel: requests that came through the public tunnel are marked, and a small key-value table
 * keeps app settings (the tunnel server, the granted subdomain) across restarts.
 */
export const sql = `
ALTER TABLE requests ADD COLUMN via_tunnel INTEGER NOT NULL DEFAULT 0;
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL   -- JSON
);
`;
