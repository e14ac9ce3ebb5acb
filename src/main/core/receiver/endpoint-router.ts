import { DEFAULT_RESPONSE, slugOfPath, type Endpoint, type EndpointResponse } from '../../../shared/endpoint-schemas';

export interface Route {
  /** The endpoint the request belongs to, or null for the default inbox. */
  endpoint: string | null;
  response: EndpointResponse;
  /** Forward each capture here; with `proxy`, answer with the forward's response. */
  forward: { url: string; proxy: boolean } | null;
}

/**
 * Decides, per captured request, which endpoint it belongs to and what to answer. Holds the
 * endpoints in memory (replaced whenever they change) so the capture path never reads the database
 * to route.
 */
export class EndpointRouter {
  private bySlug = new Map<string, Endpoint>();

  replace(endpoints: readonly Endpoint[]): void {
    this.bySlug = new Map(endpoints.map((e) => [e.slug, e]));
  }

  route(path: string): Route {
    const slug = slugOfPath(path);
    const endpoint = slug === null ? undefined : this.bySlug.get(slug);
    if (!endpoint) return { endpoint: null, response: DEFAULT_RESPONSE, forward: null };
    const forward = endpoint.forwardUrl ? { url: endpoint.forwardUrl, proxy: endpoint.proxy } : null;
    return { endpoint: endpoint.slug, response: endpoint.response, forward };
  }
}
