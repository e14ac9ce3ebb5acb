import { detectScheme, type SchemeId } from '../../../shared/signatures';
import type { RequestSummary } from '../../../shared/request-schemas';
import type { Route } from '../receiver/endpoint-router';
import type { NewRequest } from '../store/repositories';
import { verifyRequest } from './index';

/**
 * The signature facts stored with each capture: the scheme (configured, else detected from the
 * headers) and, when the endpoint has secrets, the verdict (valid / invalid / unsigned), reached
 * on the exact bytes at arrival so the inbox can show and filter it without re-checking.
 */
export function captureVerdict(
  request: Pick<NewRequest, 'headers' | 'body' | 'path' | 'query' | 'receivedAt'>,
  route: Pick<Route, 'verify'>,
  baseUrl: string,
): { scheme: SchemeId | null; verification: RequestSummary['verification'] } {
  const scheme = route.verify?.scheme ?? detectScheme(request.headers);
  if (!route.verify) return { scheme, verification: null };
  const result = verifyRequest({
    scheme: scheme ?? undefined,
    custom: route.verify.customScheme ?? undefined,
    headers: request.headers,
    body: request.body,
    url: baseUrl + request.path + (request.query ? `?${request.query}` : ''),
    secrets: route.verify.secrets,
    // The same reference time the verify route uses by default, so badge and lab agree.
    now: Math.floor(request.receivedAt / 1000),
    at: 'arrival',
  });
  const unsigned = result.reason === 'unsigned' || (result.reason === 'header_missing' && !result.received);
  return { scheme: result.scheme ?? scheme, verification: result.valid ? 'valid' : unsigned ? 'unsigned' : 'invalid' };
}
