import type { Endpoint } from '../../../../shared/endpoint-schemas';
import type { RequestDetail } from '../../../../shared/request-schemas';

/** The forward target of the endpoint a request came to, if it has one. */
export function forwardTargetOf(detail: Pick<RequestDetail, 'endpoint'>, endpoints: readonly Endpoint[]): string | null {
  if (detail.endpoint === null) return null;
  return endpoints.find((e) => e.slug === detail.endpoint)?.forwardUrl ?? null;
}
