import { fencedJson, scalarFields, truncateVisibly, type Escape } from './truncate';
import type { MessageContent } from './message-content';

/**
 * Slack Block Kit for an incoming webhook, within Slack's documented limits: header text 150,
 * section text 3000, at most 10 fields of 2000 each, fallback `text` kept short (it is what
 * notifications show).
 */
export const SLACK_LIMITS = { headerText: 150, sectionText: 3000, fields: 10, fieldText: 2000, fallbackText: 3000, blocks: 50 } as const;

/**
 * Slack's documented escaping ("Escaping text"): `&`, `<` and `>` become entities, so customer text
 * such as `<!channel>` or `<https://evil|click>` shows as typed instead of pinging a channel or
 * disguising a link. Applied to every text field, plain_text included (Slack decodes the same
 * three entities there), before the limits are applied.
 */
export const escapeSlack: Escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackMessage(content: MessageContent): Record<string, unknown> {
  const title = `${content.providerLabel}: ${content.event}`;
  const fields = scalarFields(content.data).slice(0, SLACK_LIMITS.fields);
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: truncateVisibly(title, SLACK_LIMITS.headerText, escapeSlack), emoji: true } },
  ];
  if (fields.length > 0) {
    blocks.push({
      type: 'section',
      fields: fields.map(([name, value]) => ({ type: 'mrkdwn', text: truncateVisibly(`*${name}*\n${value}`, SLACK_LIMITS.fieldText, escapeSlack) })),
    });
  }
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fencedJson(content.data, SLACK_LIMITS.sectionText, escapeSlack) } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(`Sent by Hookbench · ${content.at.toISOString()}`) }] });
  return { text: truncateVisibly(title, SLACK_LIMITS.fallbackText, escapeSlack), blocks };
}
