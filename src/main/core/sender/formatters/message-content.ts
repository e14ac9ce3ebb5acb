/** What a chat message about an event says, before a platform's layout and limits apply. */
export interface MessageContent {
  providerLabel: string;
  event: string;
  /** The event's data (the envelope's data, or the whole body when it has none). */
  data: Record<string, unknown>;
  at: Date;
}

export function dataOf(envelope: Record<string, unknown>): Record<string, unknown> {
  const data = envelope.data;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    // Stripe nests the object one level deeper.
    const inner = (data as Record<string, unknown>).object;
    if (inner && typeof inner === 'object' && !Array.isArray(inner) && Object.keys(data).length === 1) return inner as Record<string, unknown>;
    return data as Record<string, unknown>;
  }
  return envelope;
}
