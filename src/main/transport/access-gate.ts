import type { IncomingMessage } from 'node:http';
import { ApiError } from '../../shared/errors';
import { clientAddress, fromTrustedProxy, limiterKey, type ProxyTrust } from './client-address';
import { AUTH_FAILURE_LIMIT, FailureLimiter } from './failure-limiter';
import type { SiteGuard } from './site-guard';

/** A 429 that tells the client when to come back (`Retry-After`). */
export class RateLimitedError extends ApiError {
  constructor(readonly retryAfterSec: number) {
    super('rate_limited', `too many failed authentications from this address; try again in ${retryAfterSec} s`);
  }
}

const UNAUTHORIZED = 'a valid "Authorization: Bearer <token>" header is required';

/**
 * The checks every API request and push-socket upgrade pass in the same order, so the two
 * transports cannot drift apart: the site (Host/Origin, 403), then the client address's failed
 * authentications (429), then the token (401, counted). Messages never repeat what was sent.
 */
export class AccessGate {
  constructor(
    private readonly site: SiteGuard,
    private readonly proxies: ProxyTrust | null,
    private readonly limiter = new FailureLimiter(AUTH_FAILURE_LIMIT),
  ) {}

  /** 403 when the request does not come from this server's own site, otherwise null. */
  checkSite(req: IncomingMessage): ApiError | null {
    const proto = fromTrustedProxy(req, this.proxies) ? req.headers['x-forwarded-proto'] : undefined;
    const refused = this.site.check(req.headers, Array.isArray(proto) ? proto[0] : proto);
    return refused === null ? null : new ApiError('forbidden', refused);
  }

  /**
   * Runs `attempt` (the token check) unless this client address has failed too often lately, and
   * counts it when it finds no caller. A locked-out address is refused without trying its token.
   */
  async authenticate<T>(req: IncomingMessage, attempt: () => Promise<T | null>): Promise<T | ApiError> {
    const key = limiterKey(clientAddress(req, this.proxies));
    const wait = this.limiter.retryAfterSec(key);
    if (wait > 0) return new RateLimitedError(wait);
    const caller = await attempt();
    if (caller !== null) return caller;
    this.limiter.recordFailure(key);
    return new ApiError('unauthorized', UNAUTHORIZED);
  }
}
