import { SessionStore } from '../stores/session-store';

const LABEL = { online: 'Live', connecting: 'Connecting…', offline: 'Offline', refused: 'Token refused' } as const;
const TITLE = {
  online: 'Connected: new requests appear as they arrive',
  connecting: 'Connecting to the server…',
  offline: 'The server does not answer; retrying',
  refused: 'The server no longer accepts this page’s access token',
} as const;

/** The push channel at a glance, in the top bar (the banner below says more when it is not live). */
export function ConnectionStatus() {
  const connection = SessionStore.use((s) => s.connection);
  return (
    <span className={`connection connection-${connection}`} data-testid="connection" title={TITLE[connection]}>
      {LABEL[connection]}
    </span>
  );
}
