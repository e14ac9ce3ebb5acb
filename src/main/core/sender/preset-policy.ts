import type { ProviderPreset } from '../../../shared/sender-schemas';

/**
 * Whether a 410 Gone switches a preset's target off (the catalog notes say why for each):
 * Standard Webhooks' spec says so; FeedBackPro's doc retries every 4xx on its schedule, so a 410
 * is an ordinary failure there; the other docs are silent, and Hookbench follows Standard Webhooks.
 */
export const GONE_DISABLES_TARGET: Record<ProviderPreset, boolean> = {
  feedbackpulse: true,
  feedbackpro: false,
  feedspace: true,
  userback: true,
  'standard-webhooks': true,
  github: true,
  stripe: true,
  custom: true,
};
