import { DEFAULT_RESPONSE, slugOfPath, type EndpointResponse } from '../../../shared/endpoint-schemas';
import type { CustomScheme, SchemeId } from '../../../shared/signatures';
import type { EndpointFields } from '../store/repositories';

/** An endpoint as the receiver needs it: settings and its secrets in clear (memory only). */
export type RoutedEndpoint = EndpointFields & { secrets: string[] };

export interface Route {
  /** The endpoint the request belongs to, or null for the default inbox. */
  endpoint: string | null;
  response: EndpointResponse;
  /** Forward each capture here; with `proxy`, answer with the forward's response. */
  forward: { url: string; proxy: boolean } | null;
  /** Verify each capture at arrival, when the endpoint has secrets. */
  verify: { scheme: SchemeId | null; customScheme: CustomScheme | null; secrets: string[] } | null;
}

/**
 * Decides, per captured request, which endpoint it belongs to and what to answer. Holds the
 * endpoints in memory (replaced whenever they change) so the capture path never reads the database
 * to route.
 */
export class EndpointRouter {
  private bySlug = new Map<string, RoutedEndpoint>();

  replace(endpoints: readonly RoutedEndpoint[]): void {
    this.bySlug = new Map(endpoints.map((e) => [e.slug, e]));
  }

  route(path: string): Route {
    const slug = slugOfPath(path);
    const endpoint = slug === null ? undefined : this.bySlug.get(slug);
    if (!endpoint) return { endpoint: null, response: DEFAULT_RESPONSE, forward: null, verify: null };
    const forward = endpoint.forwardUrl ? { url: endpoint.forwardUrl, proxy: endpoint.proxy } : null;
    const verify = endpoint.secrets.length ? { scheme: endpoint.scheme, customScheme: endpoint.customScheme, secrets: endpoint.secrets } : null;
    return { endpoint: endpoint.slug, response: endpoint.response, forward, verify };
  }
}
