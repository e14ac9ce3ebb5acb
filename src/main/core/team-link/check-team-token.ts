import { ApiError } from '../../../shared/errors';
import type { Caller } from '../../../shared/roles';
import { createApiClient, RemoteError } from '../listen/api-client';

/**
 * Asks the team server who this token is (getInfo) before the link is saved, so a typo'd token or
 * URL is reported at once, in the Settings form, rather than as a status line later. Messages name
 * the server, never the token.
 */
export async function checkTeamToken(url: string, token: string): Promise<Caller | null> {
  try {
    const info = await createApiClient(url, token).call('getInfo', {}, AbortSignal.timeout(10_000));
    return info.caller ?? null;
  } catch (error) {
    if (!(error instanceof RemoteError)) throw error;
    if (error.status === 401 || error.status === 403) {
      throw new ApiError('invalid_input', `the team server at ${url} refused this token (${error.status}): check it, or ask its admin for one (hookbench token create NAME --role member)`);
    }
    if (error.status === null) throw new ApiError('invalid_input', `cannot reach the team server: ${error.message}; check the URL (its UI/API address) and that it is up`);
    if (error.code === 'bad_response' || error.status === 404) {
      throw new ApiError('invalid_input', `${url} does not answer as a Hookbench server (${error.message}); give its UI/API address`);
    }
    throw new ApiError('invalid_input', `the team server at ${url} answered ${error.status}: ${error.message}`);
  }
}
