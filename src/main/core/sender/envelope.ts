import type { ProviderPreset } from '../../../shared/sender-schemas';

/**
 * The body each provider wraps an event's data in (PROVIDERS.md). Built once per delivery and
 * stored: every retry sends the same bytes, only the signature's timestamp is fresh.
 */

export interface EnvelopeContext {
  eventId: string;
  now: Date;
}

export function buildEnvelope(provider: ProviderPreset, event: string, data: Record<string, unknown>, { eventId, now }: EnvelopeContext): Record<string, unknown> {
  const iso = now.toISOString();
  const unix = Math.floor(now.getTime() / 1000);
  switch (provider) {
    case 'feedbackpulse':
      return { event, timestamp: iso, data };
    case 'feedbackpro':
      return { event, id: eventId, timestamp: iso, data };
    case 'feedspace':
      // The doc's one example with "event" is an outlier; its schema says "type".
      return { type: event, data };
    case 'userback': {
      // Userback events are named as its wire carries them, <type>.<action> (feedback.update), so
      // the name the receiver detects from these bytes is the name the delivery was sent under.
      const [type, action] = event.split('.') as [string, string | undefined];
      const id = data.id ?? data.feedback_id ?? null;
      return {
        action: action ?? 'update',
        type,
        data,
        timestamp: unix,
        url: typeof data.url === 'string' ? data.url : `https://app.userback.io/viewer/${type}/${String(id)}`,
      };
    }
    case 'standard-webhooks':
      return { type: event, timestamp: iso, data };
    case 'github': {
      // GitHub puts the action inside the payload and the event family in X-GitHub-Event.
      const action = event.includes('.') ? event.slice(event.indexOf('.') + 1) : undefined;
      return action ? { action, ...data } : { ...data };
    }
    case 'stripe':
      return {
        id: eventId,
        object: 'event',
        api_version: '2024-06-20',
        created: unix,
        data: { object: data },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type: event,
      };
    case 'custom':
      return { event, id: eventId, timestamp: iso, data };
  }
}
