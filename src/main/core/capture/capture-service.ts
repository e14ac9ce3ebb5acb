import { detectEvent } from '../../../shared/events/detect-event';
import type { Forwarder } from '../forward/forwarder';
import type { PushBus } from '../push-bus';
import type { Route } from '../receiver/endpoint-router';
import type { Reply } from '../receiver/answer';
import type { RequestsService } from '../requests-service';
import type { SchemaTracker } from '../schemas/schema-tracker';
import { captureVerdict } from '../signatures/capture-verdict';
import type { NewRequest, RequestsRepository } from '../store/repositories';

export interface CaptureDeps {
  requests: RequestsRepository;
  /** Announces the requests retention removed in a capture's commit. */
  deletions: RequestsService;
  forwarder: Forwarder;
  push: PushBus;
  /** Learns each event's schema and flags drift, after the commit and off the answer's path. */
  schemas: Pick<SchemaTracker, 'track'>;
}

/** What the receiver hands over: the request as it arrived (no event or verdict yet). */
export type ArrivedRequest = Omit<NewRequest, 'event' | 'scheme' | 'verification'>;

/**
 * What happens to every request the receiver accepts, in order: derive its event name (once, from
 * the exact bytes, so filters never re-parse bodies), reach the signature verdict, store it (the
 * promise settles after the commit: the receiver answers only then), tell every UI, hand it to the
 * schema tracker (which works later, in batches), and forward it when its endpoint says so (after
 * the answer, or before it in proxy mode, whose answer is the forward's).
 */
export class CaptureService {
  /** The public tunnel URL, learnt from tunnel status events (possibly another instance's tunnel). */
  private publicUrl: string | null = null;

  constructor(private readonly deps: CaptureDeps) {
    deps.push.subscribe((event) => {
      if (event.event === 'tunnel.status') this.publicUrl = event.payload.publicUrl;
    });
  }

  /** `receiverUrl`: where the request arrived; signatures over a URL are checked against the public one when there is one. */
  async capture(request: ArrivedRequest, route: Route, receiverUrl: string): Promise<{ id: number; reply?: Reply }> {
    const { requests, deletions, forwarder, push, schemas } = this.deps;
    const { summary, trimmed } = await requests.insert({
      ...request,
      event: detectEvent(request),
      ...captureVerdict(request, route, this.publicUrl ?? receiverUrl),
    });
    push.emit({ event: 'request.captured', payload: summary });
    deletions.announce(trimmed);
    // Only queued here: the answer never waits for schema learning.
    schemas.track(summary, request.body);
    if (!route.forward) return { id: summary.id };
    const sending = forwarder.forward(summary.id, request, route.forward.url);
    if (!route.forward.proxy) {
      // Forwarding runs after the answer; its outcome is recorded with the capture.
      sending.catch((error: unknown) => process.stderr.write(`hookbench: forward of request ${summary.id} failed: ${(error as Error).message}\n`));
      return { id: summary.id };
    }
    const reply = await proxyReply(sending);
    // What the receiver answered is part of the capture.
    await requests.setStatus(summary.id, reply.status);
    push.emit({ event: 'request.updated', payload: { id: summary.id, status: reply.status } });
    return { id: summary.id, reply };
  }
}

/** Proxy mode: the provider gets the forward's answer, or a 502 saying why there was none. */
async function proxyReply(sending: ReturnType<Forwarder['forward']>): Promise<Reply> {
  const badGateway = (message: string): Reply => ({
    status: 502,
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from(JSON.stringify({ ok: false, error: `Hookbench could not forward this request: ${message}` })),
  });
  try {
    const { result } = await sending;
    return result.ok ? { status: result.status, headers: result.headers, body: result.body } : badGateway(result.error.message);
  } catch (error) {
    return badGateway((error as Error).message);
  }
}
