import { DEFAULT_RESPONSE, type Endpoint, type PutEndpointInput } from '../../shared/endpoint-schemas';
import { ApiError } from '../../shared/errors';
import type { PushBus } from './push-bus';
import type { EndpointRouter } from './receiver/endpoint-router';
import type { EndpointFields, Store } from './store/repositories';

/**
 * Endpoints as the API sees them (settings plus secret hints) and as the receiver routes them
 * (settings plus secrets in clear, held in memory only). Every change refreshes the router at once
 * and tells every UI; a change made by another instance on a shared database arrives as a push
 * event and `reload()` picks it up.
 */
export class EndpointsService {
  constructor(
    private readonly store: Store,
    private readonly router: EndpointRouter,
    private readonly push: PushBus,
  ) {}

  async list(): Promise<Endpoint[]> {
    return Promise.all((await this.store.endpoints.list()).map((e) => this.withSecretInfo(e)));
  }

  async slugs(): Promise<Set<string>> {
    return new Set((await this.store.endpoints.list()).map((e) => e.slug));
  }

  async put({ slug, name, response, forwardUrl, proxy, scheme, customScheme, secrets }: PutEndpointInput): Promise<Endpoint> {
    const existing = await this.store.endpoints.get(slug);
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
    const saved = await this.store.endpoints.save(merged);
    if (secrets !== undefined) await this.store.secrets.replace(slug, secrets);
    await this.changed();
    return this.withSecretInfo(saved);
  }

  async delete(slug: string): Promise<void> {
    if (!(await this.store.endpoints.delete(slug))) throw new ApiError('not_found', `endpoint ${slug} does not exist`);
    await this.changed();
  }

  /** Secrets of an endpoint in clear, to verify or sign with (never to return to a client). */
  async secretsOf(slug: string | null): Promise<string[]> {
    return slug === null ? [] : this.store.secrets.reveal(slug);
  }

  async get(slug: string | null): Promise<EndpointFields | null> {
    return slug === null ? null : this.store.endpoints.get(slug);
  }

  /** Loads the routes from the database: at start, and when another instance changed endpoints. */
  async reload(): Promise<void> {
    const endpoints = await this.store.endpoints.list();
    this.router.replace(await Promise.all(endpoints.map(async (e) => ({ ...e, secrets: await this.store.secrets.reveal(e.slug) }))));
  }

  private async withSecretInfo(endpoint: EndpointFields): Promise<Endpoint> {
    return { ...endpoint, secrets: await this.store.secrets.info(endpoint.slug) };
  }

  private async changed(): Promise<void> {
    await this.reload();
    this.push.emit({ event: 'endpoints.changed', payload: { items: await this.list() } });
  }
}
