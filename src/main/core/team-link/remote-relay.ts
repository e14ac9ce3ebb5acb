import { pushEvents, type MethodInput, type MethodName, type MethodOutput, type PushEvent } from '../../../shared/contract';
import { ApiError, isApiErrorCode } from '../../../shared/errors';
import { createApiClient, RemoteError, type ApiClient } from '../listen/api-client';
import { PushWakeups } from '../listen/push-wakeups';

/**
 * This app's UI looking at a team server: calls go to it with the stored team token (so its roles
 * and audit apply, under that token's name) and its push events come back, checked against the
 * contract, to `onEvent`. The push socket reconnects with the same backoff as `hookbench listen`.
 */
export class RemoteRelay {
  private readonly client: ApiClient;
  private readonly wakeups: PushWakeups;

  constructor(
    readonly url: string,
    token: string,
    onEvent: (event: PushEvent) => void,
  ) {
    this.client = createApiClient(url, token);
    this.wakeups = new PushWakeups({
      serverUrl: url,
      token,
      // Only the events matter here; the UI shows the connection through its own calls' errors.
      onWake: () => undefined,
      onState: () => undefined,
      onUnauthorized: () => undefined,
      onEvent: (event) => {
        const payload = pushEvents[event.event]?.safeParse(event.payload);
        if (payload?.success) onEvent({ event: event.event, payload: payload.data } as PushEvent);
      },
    });
    this.wakeups.start();
  }

  async call<K extends MethodName>(name: K, input: unknown): Promise<MethodOutput<K>> {
    try {
      return await this.client.call(name, input as MethodInput<K>);
    } catch (error) {
      throw relayedError(error);
    }
  }

  stop(): void {
    this.wakeups.stop();
  }
}

/**
 * The team server's refusal stays what it was (a 403 stays forbidden, a 404 not found), said to
 * come from there. A refused team token is not this caller's 401: it is the link that needs a new token.
 */
function relayedError(error: unknown): unknown {
  if (!(error instanceof RemoteError)) return error;
  if (error.status === 401) return new ApiError('bad_gateway', 'the team server refused the stored team token (401): enter a new one in Settings → Team server, or go back to this machine');
  if (error.status !== null && error.status < 500 && isApiErrorCode(error.code)) return new ApiError(error.code, `team server: ${error.message}`);
  return new ApiError('bad_gateway', `the team server did not answer usefully: ${error.message}`);
}
