/**
 * Names the event a captured webhook carries, so the inbox can be filtered by it. Runs once, at
 * capture time, on the exact bytes that arrived. Pure (no Node, no DOM) so tests and the UI share it.
 *
 * Order matters: a provider's own event header is authoritative, then provider-specific body
 * shapes (checked before the generic keys because e.g. Userback's `type` alone is just "feedback"),
 * then the generic keys most providers use. The first rule that yields a name wins.
 */
import { parseBodyFields, type BodyFields } from './body-fields';

export interface EventInput {
  headers: readonly (readonly [string, string])[];
  body: Uint8Array;
  contentType: string | null;
}

/** Longest event name kept; anything longer is not an event name but data. */
const MAX_EVENT_LENGTH = 120;

type Headers = (name: string) => string | undefined;
type Rule = (header: Headers, body: BodyFields) => string | undefined;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const obj = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** Provider event headers, most specific first. GitHub's `action` refines its event (issues.opened). */
const headerRules: Rule[] = [
  (h) => h('x-feedbackpulse-event'),
  (h) => h('x-feedbackpro-event'),
  (h) => h('x-feedspace-event'),
  (h, b) => {
    const event = h('x-github-event');
    const action = str(b.json?.action);
    return event && action ? `${event}.${action}` : event;
  },
  (h) => h('x-shopify-topic'),
  (h) => h('x-gitlab-event'),
  (h) => h('x-event-key'), // Bitbucket, e.g. repo:push
  (h) => h('x-gitea-event') ?? h('x-gogs-event'),
  (h) => h('linear-event'),
  (h) => h('x-wc-webhook-topic'), // WooCommerce
];

/** Body shapes that need more than one field, or a field a generic rule would misread. */
const shapeRules: Rule[] = [
  // Userback: {"type": "feedback"|"comment", "action": "create"|"update"|"remove"} -> feedback.create
  (_h, b) => {
    const type = str(b.json?.type);
    const action = str(b.json?.action);
    if ((type === 'feedback' || type === 'comment') && action) return `${type}.${action}`;
    return undefined;
  },
  // Slack Events API wraps the event: {"type": "event_callback", "event": {"type": "app_mention"}}
  (_h, b) => (str(b.json?.type) === 'event_callback' ? str(obj(b.json?.event)?.type) : undefined),
  // Slack interactivity posts a form whose `payload` field is JSON.
  (_h, b) => str(b.formJson?.type),
  // Discord interactions: numeric type, named after Discord's InteractionType.
  (h, b) => {
    if (!h('x-signature-ed25519')) return undefined;
    const names: Record<number, string> = { 1: 'ping', 2: 'application_command', 3: 'message_component', 4: 'autocomplete', 5: 'modal_submit' };
    const type = b.json?.type;
    return typeof type === 'number' ? `interaction.${names[type] ?? type}` : undefined;
  },
  // Twilio status callbacks are forms: MessageStatus=delivered -> message.delivered
  (_h, b) => {
    const form = b.form;
    if (!form) return undefined;
    const message = form.get('MessageStatus') ?? form.get('SmsStatus');
    if (message) return `message.${message}`;
    const call = form.get('CallStatus');
    return call ? `call.${call}` : undefined;
  },
  // Mailgun: {"event-data": {"event": "delivered"}}
  (_h, b) => str(obj(b.json?.['event-data'])?.event),
  // Batched deliveries (SendGrid, HubSpot): an array of events; name the first.
  (_h, b) => {
    const first = Array.isArray(b.jsonValue) ? obj(b.jsonValue[0]) : undefined;
    return first ? (str(first.event) ?? str(first.subscriptionType) ?? str(first.type)) : undefined;
  },
];

/**
 * Keys providers put their event name under, in order: FeedbackPulse/FeedBackPro/Zoom/Calendly
 * `event`; Stripe/Svix/Standard Webhooks/Feedspace/Clerk/Square `type`; PayPal/Paddle/Typeform
 * `event_type`; Intercom/Shopify-in-body `topic`; Jira `webhookEvent`; a few use camelCase.
 */
const GENERIC_KEYS = ['event', 'type', 'event_type', 'eventType', 'topic', 'webhookEvent', 'event_name', 'eventName'];

const genericRule: Rule = (_h, b) => {
  for (const key of GENERIC_KEYS) {
    const value = str(b.json?.[key]) ?? (b.form ? (b.form.get(key) ?? undefined) : undefined);
    if (value) return value;
  }
  return undefined;
};

const rules: Rule[] = [...headerRules, ...shapeRules, genericRule];

export function detectEvent(input: EventInput): string | null {
  try {
    return firstEventName(input);
  } catch {
    // Runs on the capture path before the row is written: a body that trips a rule is stored
    // without an event name, never turned into a failed capture (a 500 the provider would retry).
    return null;
  }
}

function firstEventName(input: EventInput): string | null {
  const index = new Map<string, string>();
  for (const [name, value] of input.headers) {
    const key = name.toLowerCase();
    if (!index.has(key)) index.set(key, value);
  }
  const header: Headers = (name) => str(index.get(name));
  const body = parseBodyFields(input.body, input.contentType);
  for (const rule of rules) {
    const name = rule(header, body);
    if (name !== undefined) return name.length > MAX_EVENT_LENGTH ? name.slice(0, MAX_EVENT_LENGTH) : name;
  }
  return null;
}
