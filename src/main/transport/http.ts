import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { contract, methodNames, type MethodName } from '../../shared/contract';
import { ApiError, type ErrorBody } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import { toApiError, type ApiSurface } from '../core/api';
import { AccessGate, RateLimitedError } from './access-gate';
import type { ApiExposure } from './api-exposure';
import { HttpGuard } from './http-guard';
import { attachPushSocket } from './push-socket';
import { HSTS, SECURITY_HEADERS } from './security-headers';
import { hostPort, SiteGuard } from './site-guard';

/**
 * The headless transport: the contract as REST routes plus a WebSocket for push events, and the
 * built UI as static files, all on one port (never the receiver's; this one is never tunnelled).
 *
 * Security note (read before changing anything here). The API may be reachable from other machines
 * (`--api-host`), so every request gets the same treatment whatever its address:
 * - It binds to 127.0.0.1 unless told otherwise, and beyond loopback only over HTTPS (`--tls-cert`)
 *   or behind a TLS-terminating proxy (`--behind-proxy`), with `--api-origin` (api-exposure.ts
 *   refuses anything else before a socket is opened). Over HTTPS it sends HSTS.
 * - Every request, static UI files included, must name this server in Host (its loopback names,
 *   or exactly the configured origin's host) and any Origin must be its own: this blocks DNS
 *   rebinding and cross-site requests; there are no CORS headers at all, so no page elsewhere can
 *   read a response (site-guard.ts).
 * - Every /api route and the push socket need a token (http-guard.ts: the `--token` or a named
 *   one, compared in constant time); a client address with too many failed attempts gets 429
 *   before its token is even looked at (access-gate.ts). `X-Forwarded-*` count only from a trusted
 *   proxy (client-address.ts). Static UI files need no token: they hold no data, and the UI takes
 *   the token from its own URL.
 * - Inputs are parsed with the contract's zod schemas; errors are `{error: {code, message}}`, never
 *   a stack trace and never the token; nothing is logged.
 */

export interface HttpServerOptions {
  port: number;
  token: string;
  /** The built renderer (index.html and assets); null serves the API only. */
  staticDir: string | null;
  /** Where to bind, which origin to accept, TLS and proxies (resolveApiExposure). */
  exposure: ApiExposure;
}

export interface HttpServer {
  /** Where users open it: `--api-origin` when set, else the bound loopback address. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  if (error instanceof RateLimitedError) reply.header('Retry-After', String(error.retryAfterSec));
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  return reply.code(error.httpStatus).type('application/json').send(body);
}

/** A route's input is a JSON object; an array or a scalar spread into one would be silently misread. */
function jsonObjectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError('invalid_input', 'the request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

export async function startHttpServer(api: ApiSurface, options: HttpServerOptions): Promise<HttpServer> {
  const { exposure } = options;
  // `https: null` is fastify's documented plain-http value; its types then say https.Server for both.
  const app = Fastify({ logger: false, bodyLimit: 32 * 1024 * 1024, forceCloseConnections: true, https: exposure.tls });
  const overHttps = exposure.tls !== null || exposure.origin?.startsWith('https:') === true;
  const headers: Record<string, string> = overHttps ? { ...SECURITY_HEADERS, ...HSTS } : SECURITY_HEADERS;
  // The API speaks JSON only. Fastify also parses text/plain by default, and a string body would
  // then be spread into the input as if it were an object; without the parser it gets a 415.
  app.removeContentTypeParser('text/plain');
  const guard = new HttpGuard(options.token, api.tokens);
  // The site check needs the real port, known only after listen; requests cannot arrive before that.
  let gate: AccessGate | null = null;
  /** Who made each authenticated request (set by the onRequest hook, read by the route). */
  const callers = new WeakMap<FastifyRequest, Caller>();

  app.addHook('onRequest', async (req, reply) => {
    for (const [name, value] of Object.entries(headers)) reply.header(name, value);
    if (!gate) return sendError(reply, new ApiError('forbidden', 'server is starting'));
    const refused = gate.checkSite(req.raw);
    if (refused) return sendError(reply, refused);
    if (req.url.startsWith('/api/')) {
      reply.header('Cache-Control', 'no-store');
      const caller = await gate.authenticate(req.raw, () => guard.callerFor(req.headers.authorization));
      if (caller instanceof ApiError) return sendError(reply, caller);
      callers.set(req, caller);
    }
    return undefined;
  });

  for (const name of methodNames) registerRoute(name);

  function registerRoute<K extends MethodName>(name: K): void {
    const { route } = contract[name];
    app.route({
      method: route.method,
      url: route.path,
      handler: async (req) => {
        const params = req.params as Record<string, unknown>;
        const input =
          route.method === 'GET' || route.method === 'DELETE'
            ? { ...(req.query as Record<string, unknown>), ...params }
            : { ...jsonObjectBody(req.body), ...params };
        const caller = callers.get(req);
        if (!caller) throw new ApiError('unauthorized', 'a valid "Authorization: Bearer <token>" header is required');
        return api.call(name, input, caller);
      },
    });
  }

  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof ApiError) return sendError(reply, error);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_input';
      const message = status === 415 ? `the API takes JSON (Content-Type: application/json), not ${req.headers['content-type'] ?? 'a body without a type'}` : error.message;
      return sendError(reply, new ApiError(code, message));
    }
    return sendError(reply, toApiError(error));
  });

  const staticDir = options.staticDir && fs.existsSync(options.staticDir) ? options.staticDir : null;
  if (staticDir) await app.register(fastifyStatic, { root: staticDir, wildcard: true, index: 'index.html' });

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !staticDir) {
      return sendError(reply, new ApiError('not_found', `no route ${req.method} ${req.url.split('?')[0]}`));
    }
    // Client-side routes: any other path gets the app shell.
    return reply.type('text/html').sendFile('index.html');
  });

  await app.listen({ port: options.port, host: exposure.host });
  const port = (app.server.address() as AddressInfo).port;
  const site = new SiteGuard({ port, host: exposure.host, origin: exposure.origin, tls: exposure.tls !== null });
  gate = new AccessGate(site, exposure.proxies);
  const push = attachPushSocket(app.server, api.push, guard, gate);

  return {
    url: exposure.origin ?? `${exposure.tls ? 'https' : 'http'}://${hostPort(exposure.host, port)}`,
    port,
    async close() {
      push.close();
      await app.close();
    },
  };
}
