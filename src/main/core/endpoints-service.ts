import { DEFAULT_RESPONSE, type Endpoint, type PutEndpointInput } from '../../shared/endpoint-schemas';
import { ApiError } from '../../shared/errors';
import type { PushBus } from './push-bus';
import type { EndpointRouter } from './receiver/endpoint-router';
import type { EndpointFields } from './store/repos/endpoints-repo';
import type { Store } from './store/store';

/**
 * Endpoints as the API sees them (settings plus secret hints) and as the receiver routes them
 * (settings plus secrets in clear, held in memory only). Every change refreshes the router at once
 * and tells every UI.
 */
export class EndpointsService {
  constructor(
    private readonly store: Store,
    private readonly router: EndpointRouter,
    private readonly push: PushBus,
  ) {
    this.refreshRoutes();
  }

  list(): Endpoint[] {
    return this.store.endpoints.list().map((e) => this.withSecretInfo(e));
  }

  slugs(): Set<string> {
    return new Set(this.store.endpoints.list().map((e) => e.slug));
  }

  put({ slug, name, response, forwardUrl, proxy, scheme, customScheme, secrets }: PutEndpointInput): Endpoint {
    const existing = this.store.endpoints.get(slug);
    const merged: EndpointFields = {
      slug,
      name: name ?? existing?.name ?? slug,
      response: { ...(existing?.response ?? DEFAULT_RESPONSE), ...response },
      forwardUrl: forwardUrl === undefined ? (existing?.forwardUrl ?? null) : forwardUrl,
      proxy: proxy ?? existing?.proxy ?? false,
      scheme: scheme === undefined ? (existing?.scheme ?? null) : scheme,
      customScheme: customScheme === undefined ? (existing?.customScheme ?? null) : customScheme,
      createdAt: existing?.createdAt ?? new Date().toISOString(),
    };
    if (merged.scheme === 'custom' && merged.customScheme === null) {
      throw new ApiError('invalid_input', 'the custom scheme needs its definition (customScheme: algorithm, encoding, header, template)');
    }
    const saved = this.store.endpoints.save(merged);
    if (secrets !== undefined) this.store.secrets.replace(slug, secrets);
    this.changed();
    return this.withSecretInfo(saved);
  }

  delete(slug: string): void {
    if (!this.store.endpoints.delete(slug)) throw new ApiError('not_found', `endpoint ${slug} does not exist`);
    this.changed();
  }

  /** Secrets of an endpoint in clear, to verify or sign with (never to return to a client). */
  secretsOf(slug: string | null): string[] {
    return slug === null ? [] : this.store.secrets.reveal(slug);
  }

  get(slug: string | null): EndpointFields | null {
    return slug === null ? null : this.store.endpoints.get(slug);
  }

  private withSecretInfo(endpoint: EndpointFields): Endpoint {
    return { ...endpoint, secrets: this.store.secrets.info(endpoint.slug) };
  }

  private refreshRoutes(): void {
    this.router.replace(this.store.endpoints.list().map((e) => ({ ...e, secrets: this.store.secrets.reveal(e.slug) })));
  }

  private changed(): void {
    this.refreshRoutes();
    this.push.emit({ event: 'endpoints.changed', payload: { items: this.list() } });
  }
}
