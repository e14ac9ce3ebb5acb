import { useEffect, useState } from 'react';
import { SessionStore } from '../stores/session-store';

/** Whole seconds until `at`, re-rendered every half second while there is one. */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * What happened to the connection and how to get back. Down: a visible backoff and "Retry now"
 * (stores reload what they missed once it is back). Token refused: the server restarted with a
 * new token or the token was revoked; open the new URL, or paste the token and carry on here.
 */
export function ConnectionBanner() {
  const connection = SessionStore.use((s) => s.connection);
  const retryAt = SessionStore.use((s) => s.retryAt);
  const retryNow = SessionStore.use((s) => s.retryNow);
  const seconds = useSecondsUntil(connection === 'offline' ? retryAt : null);
  if (connection === 'offline') {
    return (
      <div className="banner warn-banner" role="status" data-testid="offline-banner">
        <span>
          The server is not answering (stopped or unreachable).{' '}
          <span data-testid="retry-countdown">{seconds ? `Reconnecting in ${seconds} s…` : 'Reconnecting…'}</span>
        </span>
        <button type="button" className="copy-button" data-testid="retry-now" onClick={retryNow}>
          Retry now
        </button>
      </div>
    );
  }
  if (connection === 'refused') return <RefusedBanner />;
  return null;
}

function RefusedBanner() {
  const setToken = SessionStore.use((s) => s.setToken);
  const retryNow = SessionStore.use((s) => s.retryNow);
  const [token, setTokenText] = useState('');
  return (
    <div className="banner error refused-banner" role="alert" data-testid="refused-banner">
      <p>
        <strong>This server no longer accepts this page’s access token:</strong> it restarted with a new one, or the token was revoked.
      </p>
      <p>
        To get back, open the new address <code>hookbench serve</code> printed (it carries the token), or paste the token here and this page continues with
        it.
      </p>
      <form
        className="refused-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (token.trim()) setToken(token);
          setTokenText('');
        }}
      >
        <input
          className="secret-field"
          data-testid="refused-token"
          aria-label="Access token"
          placeholder="Access token"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setTokenText(e.target.value)}
        />
        <button type="submit" className="copy-button" data-testid="refused-use-token" disabled={!token.trim()}>
          Use this token
        </button>
        <button type="button" className="link-button" data-testid="refused-retry" onClick={retryNow}>
          Try the old token again
        </button>
      </form>
    </div>
  );
}
