/**
 * The Content Security Policy of the UI, the same in both shells (also set as a meta tag in
 * index.html). Monaco needs inline styles and blob/same-origin workers; nothing loads from
 * anywhere but the app itself.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  // The UI URL carries the token: never leak it through a Referer.
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Sent when users reach the UI over HTTPS (`--tls-cert`, or an https `--api-origin` behind a
 * proxy): the browser then refuses plain http to this host for a year, so a token in the UI URL is
 * never sent in clear by a mistyped `http://`. Browsers ignore it on plain http, and it leaves
 * subdomains alone (the host's owner decides about those).
 */
export const HSTS = { 'Strict-Transport-Security': 'max-age=31536000' } as const;
