import { useEffect, useState } from 'react';
import type { TeamLinkState } from '../../../../shared/team-link-schemas';
import { CopyButton } from '../../components/copy-button';
import { useCan } from '../../stores/use-can';
import { TeamLinkStore } from './team-link-store';
import './team-link.css';

const STATE_LABEL: Record<TeamLinkState, string> = {
  off: 'off',
  connecting: 'connecting…',
  'catching-up': 'catching up…',
  live: 'live',
  'app-down': 'local app down',
  error: 'stopped',
};

/**
 * Settings → Team server: forward a team server's captures to an app on this machine, as
 * `hookbench listen` does (missed ones first after a pause, then live). The token is write-only:
 * only its hint comes back, and an empty field keeps the stored one.
 */
export function TeamLinkPanel() {
  const settings = TeamLinkStore.use((s) => s.settings);
  const status = TeamLinkStore.use((s) => s.status);
  const error = TeamLinkStore.use((s) => s.error);
  const saving = TeamLinkStore.use((s) => s.saving);
  const { save, remove } = TeamLinkStore.useApi().getState();
  const canEdit = useCan('putTeamLink');
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [forwardTo, setForwardTo] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [browse, setBrowse] = useState(false);

  useEffect(() => {
    if (!settings) return;
    setUrl(settings.url);
    setForwardTo(settings.forwardTo);
    setEndpoint(settings.endpoint ?? '');
    setEnabled(settings.enabled);
    setBrowse(settings.browse);
  }, [settings]);

  return (
    <form
      className="settings-panel"
      data-testid="team-link-panel"
      onSubmit={(e) => {
        e.preventDefault();
        void save({ url: url.trim(), token: token || undefined, forwardTo: forwardTo.trim(), endpoint: endpoint.trim() || null, enabled, browse }).then((ok) => ok && setToken(''));
      }}
    >
      <h3>Team server</h3>
      <p className="muted">Forward a team server's captures to an app on this machine, like <code>hookbench listen</code>: what arrived while this app was closed comes first, oldest first, then live.</p>
      <label>
        Team server URL <input data-testid="team-link-url" placeholder="https://hooks.example.com" value={url} disabled={!canEdit} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <label>
        Token{' '}
        <input
          data-testid="team-link-token"
          type="password"
          autoComplete="off"
          placeholder={settings ? `stored (${settings.tokenHint}); type to replace` : 'a member token of the team server'}
          value={token}
          disabled={!canEdit}
          onChange={(e) => setToken(e.target.value)}
        />
      </label>
      <label>
        Forward to <input data-testid="team-link-forward-to" placeholder="http://localhost:3000/webhooks" value={forwardTo} disabled={!canEdit} onChange={(e) => setForwardTo(e.target.value)} />
      </label>
      <label>
        Endpoint (optional) <input data-testid="team-link-endpoint" placeholder="every capture" value={endpoint} disabled={!canEdit} onChange={(e) => setEndpoint(e.target.value)} />
      </label>
      <label className="check-row">
        <input data-testid="team-link-enabled" type="checkbox" checked={enabled} disabled={!canEdit} onChange={(e) => setEnabled(e.target.checked)} /> Forward now (and again when the app starts)
      </label>
      <label className="check-row">
        <input data-testid="team-link-browse" type="checkbox" checked={browse} disabled={!canEdit} onChange={(e) => setBrowse(e.target.checked)} /> Browse the team server in this app (its captures, senders and
        settings, with this token's role)
      </label>
      {error && <p className="warn" data-testid="team-link-error">{error}</p>}
      {canEdit && (
        <div className="filter-row">
          <button type="submit" className="copy-button" data-testid="team-link-save" disabled={saving || !url.trim() || !forwardTo.trim()}>
            {saving ? 'Checking the token…' : 'Save'}
          </button>
          {settings && (
            <button type="button" className="copy-button" data-testid="team-link-delete" onClick={() => void remove()}>
              Disconnect and forget
            </button>
          )}
        </div>
      )}
      {status && <TeamLinkStatusView />}
    </form>
  );
}

/** The link's state, its last problem and the last forwards, as pushed by the core. */
function TeamLinkStatusView() {
  const status = TeamLinkStore.use((s) => s.status)!;
  return (
    <div data-testid="team-link-status">
      <p>
        Status: <b data-testid="team-link-state">{STATE_LABEL[status.state]}</b>
        {status.forwarded > 0 && <span className="muted"> · {status.forwarded} forwarded</span>}
      </p>
      {status.lastError && status.state !== 'live' && <p className="warn" data-testid="team-link-last-error">{status.lastError}</p>}
      {status.url && (
        <p className="filter-row">
          {/* Opens in a browser tab (the desktop app hands http(s) links to the system browser); sign in there with your token. */}
          <a href={status.url} target="_blank" rel="noreferrer noopener" data-testid="team-link-open">
            Open the team server's UI
          </a>
          <code>{status.url}</code>
          <CopyButton text={status.url} />
        </p>
      )}
      {status.lastForwards.length > 0 && (
        <table className="pairs" data-testid="team-link-forwards">
          <tbody>
            {status.lastForwards.map((f) => (
              <tr key={`${f.id}-${f.at}`} data-testid="team-link-forward">
                <th>#{f.id}</th>
                <td>
                  {f.method} {f.path}
                </td>
                <td>→ {f.status}</td>
                <td className="muted">{f.ms} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
