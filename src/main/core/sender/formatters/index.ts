import type { PayloadFormat } from '../../../../shared/sender-schemas';
import { discordMessage } from './discord';
import { dataOf } from './message-content';
import { slackMessage } from './slack';

export { DISCORD_LIMITS, discordEmbedSize } from './discord';
export { SLACK_LIMITS } from './slack';
export { truncateVisibly } from './truncate';

/** `auto`: Slack and Discord incoming-webhook URLs get their platform's layout, anything else raw JSON. */
export function resolveFormat(format: PayloadFormat, url: string): 'raw' | 'slack' | 'discord' {
  if (format !== 'auto') return format;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'raw';
  }
  const host = parsed.hostname.toLowerCase();
  if (host === 'hooks.slack.com' && parsed.pathname.startsWith('/')) return 'slack';
  if ((host === 'discord.com' || host === 'discordapp.com') && parsed.pathname.startsWith('/api/webhooks/')) return 'discord';
  return 'raw';
}

/** The exact bytes sent for an envelope in a format. */
export function formatBody(
  format: 'raw' | 'slack' | 'discord',
  envelope: Record<string, unknown>,
  meta: { providerLabel: string; event: string; at: Date },
): Buffer {
  if (format === 'raw') return Buffer.from(JSON.stringify(envelope), 'utf8');
  const content = { ...meta, data: dataOf(envelope) };
  return Buffer.from(JSON.stringify(format === 'slack' ? slackMessage(content) : discordMessage(content)), 'utf8');
}
