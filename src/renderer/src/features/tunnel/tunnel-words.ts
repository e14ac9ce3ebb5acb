import type { TunnelStatus } from '../../../../shared/tunnel-schemas';

/** The state pill's word for each state. */
export const TUNNEL_LABEL: Record<TunnelStatus['state'], string> = {
  offline: 'Tunnel off',
  connecting: 'Connecting…',
  online: 'Online',
  reconnecting: 'Reconnecting',
  failed: 'Stopped',
};

/** Whole seconds until `iso`, never below zero. */
export function secondsUntil(iso: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
}

/**
 * The status line's message: the backoff while reconnecting ("Retrying in 8 s (attempt 3 of 8)"),
 * the final word after giving up, a problem that did not stop it (a taken subdomain). Off has none.
 */
export function tunnelMessage(status: TunnelStatus, now: number): string | null {
  switch (status.state) {
    case 'reconnecting': {
      const of = `(attempt ${status.attempt} of ${status.maxAttempts})`;
      const when = status.nextAttemptAt ? `Retrying in ${secondsUntil(status.nextAttemptAt, now)} s ${of}` : `Trying again now ${of}`;
      return status.lastError ? `${when}: ${status.lastError}` : when;
    }
    case 'failed':
      return `Gave up after ${status.attempt} attempt${status.attempt === 1 ? '' : 's'}: ${status.lastError ?? 'the tunnel server could not be reached'}`;
    case 'offline':
      return null;
    default:
      return status.lastError;
  }
}
