import { ApiError } from '../../../shared/errors';
import type { HeaderPairs } from '../../../shared/request-schemas';
import type { SendKind, SendRecord } from '../../../shared/send-schemas';
import { sendHttp, type OutboundRequest, type OutboundResult } from '../outbound/send-http';
import type { PushBus } from '../push-bus';
import type { Store } from '../store/repositories';
import { resignHeaders, type Resign } from '../signatures/resign';
import { forwardHeaders, forwardUrl } from './build-forward';

/** The parts of a capture a forward needs (a NewRequest or a stored RequestDetail). */
export interface Forwardable {
  method: string;
  path: string;
  query: string;
  headers: HeaderPairs;
  body: Buffer;
  endpoint: string | null;
}

export interface ReplayEdits {
  /** Any URL; default: the endpoint's forward target (with the path suffix). */
  url?: string;
  method?: string;
  headers?: HeaderPairs;
  body?: Buffer;
  /** Recompute the signature over the bytes sent, with a fresh timestamp. */
  resign?: Resign;
}

export const FORWARD_TIMEOUT_MS = 10_000;

/**
 * Sends captures on: automatically to an endpoint's forward target, or as a replay (as captured or
 * edited) to any URL. Every send is recorded with the original capture; a failure is recorded as
 * such and never touches the capture itself.
 */
export class Forwarder {
  constructor(
    private readonly store: Store,
    private readonly push: PushBus,
    private readonly timeoutMs = FORWARD_TIMEOUT_MS,
  ) {}

  /** Forwards a just-captured request (already committed as `id`) to its endpoint's target. */
  async forward(id: number, captured: Forwardable, target: string): Promise<{ record: SendRecord; result: OutboundResult }> {
    const url = forwardUrl(target, captured.path, captured.query, captured.endpoint);
    const outbound: OutboundRequest = {
      url: url.href,
      method: captured.method,
      headers: forwardHeaders(captured.headers, url, captured.body.length),
      body: captured.body,
      timeoutMs: this.timeoutMs,
    };
    return this.send(id, 'forward', outbound);
  }

  /** Replays a stored request, with optional edits, and records it against the original (`by`: who asked). */
  async replay(id: number, edits: ReplayEdits, by: string | null = null): Promise<{ record: SendRecord; result: OutboundResult }> {
    const original = await this.store.requests.get(id);
    if (!original) throw new ApiError('not_found', `request ${id} does not exist`);
    const endpoint = original.endpoint === null ? null : await this.store.endpoints.get(original.endpoint);
    let url: URL;
    if (edits.url) {
      url = new URL(edits.url);
    } else if (endpoint?.forwardUrl) {
      url = forwardUrl(endpoint.forwardUrl, original.path, original.query, original.endpoint);
    } else {
      throw new ApiError('invalid_input', 'this request has no forward target: give a url to replay it to');
    }
    const body = edits.body ?? Buffer.from(original.bodyBase64, 'base64');
    let headers = forwardHeaders(edits.headers ?? original.headers, url, body.length);
    if (edits.resign) {
      try {
        headers = resignHeaders(headers, body, url.href, edits.resign);
      } catch (error) {
        throw new ApiError('invalid_input', `cannot re-sign: ${(error as Error).message}`);
      }
    }
    const outbound: OutboundRequest = {
      url: url.href,
      method: edits.method ?? original.method,
      headers,
      body,
      timeoutMs: this.timeoutMs,
    };
    return this.send(id, 'replay', outbound, by);
  }

  private async send(id: number, kind: SendKind, outbound: OutboundRequest, by: string | null = null) {
    const startedAt = Date.now();
    const result = await sendHttp(outbound);
    return { record: await this.record(id, kind, outbound, result, startedAt, by), result };
  }

  /**
   * Stores a send against its capture and tells open UIs. Also used for sends made elsewhere and
   * reported back (`hookbench listen` forwards to a developer's local app).
   */
  async record(id: number, kind: SendKind, outbound: OutboundRequest, result: OutboundResult, startedAt: number, by: string | null): Promise<SendRecord> {
    let record: SendRecord;
    try {
      record = await this.store.sends.record(id, kind, outbound, result, startedAt, by);
    } catch (error) {
      // The capture was deleted while the send was in flight: nothing to attach the result to.
      if (!(await this.store.requests.get(id))) throw new ApiError('not_found', `request ${id} was deleted meanwhile`);
      throw error;
    }
    this.push.emit({
      event: 'request.sent',
      payload: { requestId: id, sendId: record.id, kind, by, status: record.response?.status ?? null, error: record.error?.message ?? null },
    });
    return record;
  }
}
