import { contract, type MethodInput, type MethodName, type MethodOutput, type PushEvent } from '../../../shared/contract';

/**
 * `offline`: the push channel dropped and is retried with backoff (the server is down or
 * unreachable); `refused`: the server is up but no longer accepts this page's token (it restarted
 * with a new one, or the token was revoked): retrying cannot help until another token is given.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';

export interface ConnectionDetail {
  /** When `offline`: the time (epoch ms) of the next automatic attempt; null while an attempt runs, and when not offline. */
  retryAt: number | null;
}

/** What the UI talks to; the same interface over Electron IPC and over HTTP + WebSocket. */
export interface HookbenchClient {
  call<K extends MethodName>(name: K, input: MethodInput<K>): Promise<MethodOutput<K>>;
  onEvent(listener: (event: PushEvent) => void): () => void;
  /** Push-channel state; `online` again after a drop means events may have been missed. */
  onConnection(listener: (state: ConnectionState, detail: ConnectionDetail) => void): () => void;
  /** Tries to reconnect now instead of at the scheduled time (no-op unless offline or refused). */
  retryNow(): void;
  /** Continues with another access token (the page's was refused) and reconnects with it. */
  setToken(token: string): void;
  /** Stops the push channel for good (no reconnects); calls already made still settle. */
  close(): void;
}

export class ClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

/** Outputs are parsed with the contract too, so a mismatch fails loudly here, not deep in a view. */
export function parseOutput<K extends MethodName>(name: K, value: unknown): MethodOutput<K> {
  const parsed = contract[name].output.safeParse(value);
  if (!parsed.success) throw new ClientError('bad_response', `unexpected response from ${name}`);
  return parsed.data as MethodOutput<K>;
}

