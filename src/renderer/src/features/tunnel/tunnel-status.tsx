import { useState } from 'react';
import { CopyButton } from '../../components/copy-button';
import { useTunnel } from '../../stores/tunnel-store';

const LABEL = { offline: 'Tunnel off', connecting: 'Connecting…', online: 'Online', reconnecting: 'Reconnecting' } as const;

/**
 * The public URL: status at a glance (connecting, online, reconnecting with the attempt count,
 * offline), the last error in plain words, the URL with a copy button, start/stop and the server.
 */
export function TunnelStatusBar() {
  const status = useTunnel((s) => s.status);
  const error = useTunnel((s) => s.error);
  const start = useTunnel((s) => s.start);
  const stop = useTunnel((s) => s.stop);
  const [editing, setEditing] = useState(false);
  const [host, setHost] = useState('');
  const [subdomain, setSubdomain] = useState('');
  if (!status) return null;
  const running = status.state !== 'offline';

  return (
    <span className="tunnel" data-testid="tunnel">
      <span className={`tunnel-state tunnel-${status.state}`} data-testid="tunnel-state" title={status.lastError ?? ''}>
        {LABEL[status.state]}
        {status.state === 'reconnecting' && ` (attempt ${status.attempt})`}
      </span>
      {status.publicUrl && status.state === 'online' && (
        <>
          <code data-testid="tunnel-url">{status.publicUrl}</code>
          <CopyButton text={status.publicUrl} />
        </>
      )}
      {status.lastError && (
        <span className="warn tunnel-error" data-testid="tunnel-error">
          {status.lastError}
        </span>
      )}
      {running ? (
        <button type="button" className="copy-button" data-testid="tunnel-stop" onClick={() => void stop()}>
          Stop tunnel
        </button>
      ) : (
        <button type="button" className="copy-button" data-testid="tunnel-start" onClick={() => void start({})}>
          Public URL
        </button>
      )}
      <button
        type="button"
        className="link-button"
        data-testid="tunnel-settings"
        onClick={() => {
          setHost(status.host);
          setSubdomain(status.subdomain ?? '');
          setEditing(!editing);
        }}
      >
        server…
      </button>
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
        </form>
      )}
      {error && <span className="warn">{error}</span>}
    </span>
  );
}
