import { useEffect, useMemo, useState } from 'react';
import { CopyButton } from '../../components/copy-button';
import { useCommands, type Command } from '../../stores/command-store';
import { TunnelStore } from '../../stores/tunnel-store';
import { useCan } from '../../stores/use-can';
import { TUNNEL_LABEL, tunnelMessage } from './tunnel-words';
import './tunnel.css';

/** Re-renders every second while `active`, for the "Retrying in N s" countdown. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** Start, stop and retry as commands (palette and menu), enabled by the state and the caller's role. */
function useTunnelCommands(): void {
  const state = TunnelStore.use((s) => s.status?.state ?? null);
  const store = TunnelStore.useApi();
  const canControl = useCan('startTunnel');
  const commands = useMemo<Command[]>(() => {
    const { start, stop, retry } = store.getState();
    const off = state === 'offline';
    return [
      { id: 'tunnel.start', title: 'Start tunnel', group: 'Tunnel', enabled: canControl && (off || state === 'failed'), run: () => start() },
      { id: 'tunnel.stop', title: 'Stop tunnel', group: 'Tunnel', enabled: canControl && state !== null && !off, run: () => stop() },
      { id: 'tunnel.retry', title: 'Retry tunnel now', group: 'Tunnel', enabled: canControl && (state === 'reconnecting' || state === 'failed'), run: () => retry() },
    ];
  }, [state, store, canControl]);
  useCommands(commands);
}

/**
 * The public URL in the top bar, on one line: the state, the URL with a copy button, the message
 * (backoff countdown, the reason in plain words) cut to fit with the whole text in its tooltip,
 * and the controls. The server settings open in a popover below, so the row never wraps.
 */
export function TunnelStatusBar() {
  const status = TunnelStore.use((s) => s.status);
  const callError = TunnelStore.use((s) => s.error);
  const { start, stop, retry } = TunnelStore.useApi().getState();
  const canControl = useCan('startTunnel');
  const [editing, setEditing] = useState(false);
  const [host, setHost] = useState('');
  const [subdomain, setSubdomain] = useState('');
  const now = useNow(status?.state === 'reconnecting' && status.nextAttemptAt !== null);
  useTunnelCommands();
  if (!status) return null;
  // After giving up it is still "on" (it resumes at the next start): Stop is how to turn it off.
  const running = status.state !== 'offline';
  const message = [tunnelMessage(status, now), callError].filter(Boolean).join(' · ') || null;

  return (
    <span className="tunnel" data-testid="tunnel">
      <span className={`tunnel-state tunnel-${status.state}`} data-testid="tunnel-state">
        {TUNNEL_LABEL[status.state]}
      </span>
      {status.publicUrl && status.state === 'online' && (
        <>
          <code className="tunnel-url" data-testid="tunnel-url" title={status.publicUrl}>
            {status.publicUrl}
          </code>
          <CopyButton text={status.publicUrl} />
        </>
      )}
      {message && (
        <span className={`tunnel-message${status.state === 'online' ? ' muted' : ' warn'}`} data-testid="tunnel-error" title={message}>
          {message}
        </span>
      )}
      {canControl && (status.state === 'reconnecting' || status.state === 'failed') && (
        <button type="button" className="copy-button" data-testid="tunnel-retry" onClick={() => void retry()}>
          Retry now
        </button>
      )}
      {canControl &&
        (running ? (
          <button type="button" className="copy-button" data-testid="tunnel-stop" onClick={() => void stop()}>
            Stop tunnel
          </button>
        ) : (
          <button type="button" className="copy-button" data-testid="tunnel-start" onClick={() => void start()}>
            Public URL
          </button>
        ))}
      {canControl && (
        <button
          type="button"
          className="link-button"
          data-testid="tunnel-settings"
          aria-expanded={editing}
          onClick={() => {
            setHost(status.host);
            setSubdomain(status.subdomain ?? '');
            setEditing(!editing);
          }}
        >
          server…
        </button>
      )}
      {editing && (
        <form
          className="tunnel-form"
          onSubmit={(e) => {
            e.preventDefault();
            setEditing(false);
            void start({ host: host.trim(), subdomain: subdomain.trim() || null });
          }}
        >
          <input className="inline-search" data-testid="tunnel-host" value={host} onChange={(e) => setHost(e.target.value)} aria-label="Tunnel server" placeholder="https://localtunnel.me" />
          <input className="inline-search" data-testid="tunnel-subdomain" value={subdomain} onChange={(e) => setSubdomain(e.target.value)} aria-label="Subdomain" placeholder="subdomain (optional)" />
          <button type="submit" className="copy-button" data-testid="tunnel-connect">
            Connect
          </button>
          <button type="button" className="copy-button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      )}
    </span>
  );
}
