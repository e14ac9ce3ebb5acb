import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { contract, methodNames, type MethodName } from '../../shared/contract';
import { ApiError, type ErrorBody } from '../../shared/errors';
import type { Caller } from '../../shared/roles';
import { toApiError, type Api } from '../core/api';
import { HttpGuard } from './http-guard';
import { attachPushSocket } from './push-socket';
import { SECURITY_HEADERS } from './security-headers';

/**
 * The headless transport: the contract as REST routes plus a WebSocket for push events, and the
 * built UI as static files, all on one loopback port.
 *
 * Security note (read before changing anything here):
 * - It binds to 127.0.0.1 only. The receiver has its own port; this one is never tunnelled.
 * - Every request's Host must be this server's loopback name and any Origin its own (blocks DNS
 *   rebinding and cross-site requests; there are no CORS headers at all, so no page elsewhere can
 *   read a response).
 * - Every /api route and the push socket need the token (constant-time compare). Static UI files
 *   are public: they hold no data, and the UI takes the token from its own URL.
 * - Inputs are parsed with the contract's zod schemas; errors are `{error: {code, message}}`,
 *   never a stack trace.
 */

export interface HttpServerOptions {
  port: number;
  token: string;
  /** The built renderer (index.html and assets); null serves the API only. */
  staticDir: string | null;
}

export interface HttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
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

export async function startHttpServer(api: Api, options: HttpServerOptions): Promise<HttpServer> {
  const app = Fastify({ logger: false, bodyLimit: 32 * 1024 * 1024, forceCloseConnections: true });
  // The API speaks JSON only. Fastify also parses text/plain by default, and a string body would
  // then be spread into the input as if it were an object; without the parser it gets a 415.
  app.removeContentTypeParser('text/plain');
  // The guard needs the real port, known only after listen; requests cannot arrive before that.
  let guard: HttpGuard | null = null;
  /** Who made each authenticated request (set by the onRequest hook, read by the route). */
  const callers = new WeakMap<FastifyRequest, Caller>();

  app.addHook('onRequest', async (req, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    if (!guard) return sendError(reply, new ApiError('forbidden', 'server is starting'));
    const refused = guard.checkSite(req.headers);
    if (refused) return sendError(reply, new ApiError('forbidden', refused));
    if (req.url.startsWith('/api/')) {
      reply.header('Cache-Control', 'no-store');
      const caller = guard.callerFor(req.headers.authorization);
      if (!caller) return sendError(reply, new ApiError('unauthorized', 'a valid "Authorization: Bearer <token>" header is required'));
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

  await app.listen({ port: options.port, host: LOOPBACK });
  const port = (app.server.address() as AddressInfo).port;
  guard = new HttpGuard(port, options.token);
  const push = attachPushSocket(app.server, api.push, guard);

  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    async close() {
      push.close();
      await app.close();
    },
  };
}
