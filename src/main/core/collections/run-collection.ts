import type { Collection, CollectionRequest } from '../../../shared/contracts/collection';
import { detectScheme, SCHEMES, SchemeId, type CustomScheme } from '../../../shared/signatures';
import { forwardHeaders, forwardUrl } from '../forward/build-forward';
import { sendHttp } from '../outbound/send-http';
import { resignHeaders } from '../signatures/resign';
import { hasSecrets, secretFor, type Secrets } from './cli-flags';
import { unmetExpectations } from './expectations';

/**
 * `hookbench test`: each request of a collection sent, in order, to the handler under test, re-signed
 * with a fresh timestamp when a secret is given, and its answer judged against its expectation.
 */

export interface RunOptions {
  target: URL;
  secrets: Secrets;
  /** Re-sign every request with this scheme instead of its own. */
  scheme?: SchemeId;
  customScheme?: CustomScheme;
  timeoutMs: number;
  /** Called as each case finishes, so a long run reports as it goes. */
  onCase?: (result: CaseResult) => void;
}

/** How the request was signed: re-signed with a scheme, or sent with its captured headers, and why. */
export type Signing = { resigned: true; scheme: SchemeId } | { resigned: false; why: string };

export interface CaseResult {
  /** 1-based, in collection order. */
  index: number;
  name: string;
  method: string;
  url: string;
  /** Null when re-signing was asked for and could not be done (see `error`). */
  signing: Signing | null;
  status: number | null;
  responseBody: Buffer | null;
  durationMs: number;
  /** The expectations the answer missed. */
  failures: string[];
  /** Why there is no answer to judge: could not re-sign, or no answer (refused, timeout, …). */
  error: string | null;
}

export interface RunResult {
  name: string;
  target: string;
  startedAt: Date;
  durationMs: number;
  cases: CaseResult[];
}

/** Answers beyond this are cut: only an expectation's JSON subset reads them. */
const MAX_RESPONSE_BYTES = 1024 * 1024;

export const casePassed = (c: CaseResult) => c.error === null && c.failures.length === 0;

/**
 * Where a request goes: by default the target's origin and path with the captured path and query
 * appended (the rule an endpoint's forward uses, with no slug to strip: the path is as captured);
 * the target exactly as given when the collection says `paths: "ignore"`.
 */
export function requestUrl(collection: Pick<Collection, 'paths'>, target: URL, capturedPath: string): URL {
  if (collection.paths === 'ignore') return new URL(target.href);
  const q = capturedPath.indexOf('?');
  return q < 0 ? forwardUrl(target.href, capturedPath, '', null) : forwardUrl(target.href, capturedPath.slice(0, q), capturedPath.slice(q + 1), null);
}

type Plan = { sign: { scheme: SchemeId; secret: string } } | { asCaptured: string } | { error: string };

/** The scheme: --scheme, else the one the collection names, else the one its headers show. */
function signingPlan(request: CollectionRequest, options: RunOptions): Plan {
  if (!hasSecrets(options.secrets)) return { asCaptured: 'no --secret given' };
  let scheme = options.scheme ?? null;
  if (scheme === null && request.scheme) {
    const named = SchemeId.safeParse(request.scheme);
    if (!named.success) return { error: `the collection names an unknown scheme "${request.scheme}"; give --scheme` };
    scheme = named.data;
  }
  scheme ??= detectScheme(request.headers);
  if (scheme === null) return { asCaptured: 'no signature scheme detected in its headers (give --scheme)' };
  if (!SCHEMES[scheme].signed) return { asCaptured: `${SCHEMES[scheme].label} signs nothing` };
  const secret = secretFor(options.secrets, scheme);
  if (secret === null) return { asCaptured: `no --secret for ${scheme}` };
  if (scheme === 'custom' && !options.customScheme) return { error: 'the custom scheme needs its definition: give --custom-scheme JSON' };
  return { sign: { scheme, secret } };
}

async function runCase(collection: Collection, request: CollectionRequest, index: number, options: RunOptions): Promise<CaseResult> {
  const url = requestUrl(collection, options.target, request.path);
  const body = Buffer.from(request.bodyBase64, 'base64');
  const base = { index, name: request.name ?? `${request.method} ${request.path}`, method: request.method, url: url.href, status: null, responseBody: null, durationMs: 0, failures: [] };
  const plan = signingPlan(request, options);
  if ('error' in plan) return { ...base, signing: null, error: `not sent: ${plan.error}` };
  let headers = forwardHeaders(request.headers, url, body.length);
  let signing: Signing;
  if ('sign' in plan) {
    try {
      headers = resignHeaders(headers, body, url.href, { ...plan.sign, customScheme: options.customScheme });
    } catch (error) {
      return { ...base, signing: null, error: `not sent: could not re-sign with ${plan.sign.scheme}: ${(error as Error).message}` };
    }
    signing = { resigned: true, scheme: plan.sign.scheme };
  } else {
    signing = { resigned: false, why: plan.asCaptured };
  }
  const result = await sendHttp({ url: url.href, method: request.method, headers, body, timeoutMs: options.timeoutMs, maxResponseBytes: MAX_RESPONSE_BYTES });
  if (!result.ok) return { ...base, signing, durationMs: result.durationMs, error: `no answer: ${result.error.message}` };
  return {
    ...base,
    signing,
    status: result.status,
    responseBody: result.body,
    durationMs: result.durationMs,
    failures: unmetExpectations(request.expect, result),
    error: null,
  };
}

/** Runs every case, one after the other (webhooks arrive in order, and a handler may rely on it). */
export async function runCollection(collection: Collection, options: RunOptions): Promise<RunResult> {
  const startedAt = new Date();
  const started = performance.now();
  const cases: CaseResult[] = [];
  for (const [i, request] of collection.requests.entries()) {
    const result = await runCase(collection, request, i + 1, options);
    cases.push(result);
    options.onCase?.(result);
  }
  return { name: collection.name, target: options.target.href, startedAt, durationMs: Math.round(performance.now() - started), cases };
}
