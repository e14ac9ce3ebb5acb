import { useEffect, useState } from 'react';
import type { Role } from '../../../../shared/roles';
import { CopyButton } from '../../components/copy-button';
import { relativeTime } from '../../format';
import { TokensStore } from './tokens-store';

const ROLE_HELP: Record<Role, string> = {
  viewer: 'reads everything',
  member: 'also replays, forwards, emits and verifies',
  admin: 'also manages endpoints, targets, retention and tokens',
};

/** Settings → API tokens: who may use this server, with which role. Admins only (the caller hides it otherwise). */
export function TokensPanel() {
  const items = TokensStore.use((s) => s.items);
  const created = TokensStore.use((s) => s.created);
  const error = TokensStore.use((s) => s.error);
  const { load, create, revoke, forgetCreated } = TokensStore.useApi().getState();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');

  useEffect(() => {
    void load();
    // A token is shown only while the panel that made it is open.
    return forgetCreated;
  }, [load, forgetCreated]);

  return (
    <section className="settings-panel" data-testid="tokens-panel">
      <h3>API tokens</h3>
      <p className="muted">Give each person or script its own token; revoke it when they leave. Every change they make is in the Audit view.</p>
      <form
        className="filter-row"
        onSubmit={(e) => {
          e.preventDefault();
          void create(name.trim(), role).then(() => setName(''));
        }}
      >
        <input data-testid="token-name" placeholder="name, e.g. alice or ci" value={name} onChange={(e) => setName(e.target.value)} />
        <select data-testid="token-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {(Object.keys(ROLE_HELP) as Role[]).map((r) => (
            <option key={r} value={r}>
              {r}: {ROLE_HELP[r]}
            </option>
          ))}
        </select>
        <button type="submit" className="copy-button" data-testid="token-create" disabled={!name.trim()}>
          Create
        </button>
      </form>
      {created && (
        <div className="token-created" data-testid="token-created">
          <p>
            Token for <b>{created.name}</b> ({created.role}). Copy it now: it is not shown again.
          </p>
          <div className="filter-row">
            <code data-testid="token-value">{created.token}</code>
            <CopyButton text={created.token} />
            <button type="button" className="copy-button" onClick={forgetCreated}>
              Done
            </button>
          </div>
        </div>
      )}
      {error && <p className="warn" data-testid="tokens-error">{error}</p>}
      <table className="pairs" data-testid="token-list">
        <tbody>
          {items.map((t) => (
            <tr key={t.name} data-testid="token-row">
              <th>{t.name}</th>
              <td>{t.role}</td>
              <td className="muted">{t.lastUsedAt ? `used ${relativeTime(t.lastUsedAt)}` : 'never used'}</td>
              <td>
                <button
                  type="button"
                  className="copy-button"
                  data-testid="token-revoke"
                  onClick={() => {
                    if (window.confirm(`Revoke the token "${t.name}"? Anything using it is refused from now on.`)) void revoke(t.name);
                  }}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && <p className="muted">No named tokens yet; the server's own token (from its start-up line) is the only way in.</p>}
    </section>
  );
}
