import type { Delivery, Target } from '../../../../shared/sender-schemas';
import { clockTime } from '../../format';

/**
 * What to say about a delivery's next attempt. A paused (or switched off) target holds its
 * pending deliveries: their stored due time passes without an attempt, so showing "next 10:02"
 * at 10:40 would be wrong; they wait for the target instead. A due time just passed (the worker
 * is about to send) reads "due now". Null when nothing is scheduled.
 */
export function nextAttemptText(delivery: Pick<Delivery, 'state' | 'nextAttemptAt'>, target: Pick<Target, 'active' | 'paused'> | undefined, now = Date.now()): string | null {
  if (delivery.state !== 'pending') return null;
  if (target && !target.active) return 'waits: the target is switched off';
  if (target?.paused) return 'paused: waits for the target to resume';
  if (!delivery.nextAttemptAt) return null;
  const due = Date.parse(delivery.nextAttemptAt);
  return due <= now ? 'due now' : `next ${clockTime(delivery.nextAttemptAt)}`;
}
