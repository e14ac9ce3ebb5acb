import { fencedJson, scalarFields, truncateVisibly } from './truncate';
import type { MessageContent } from './message-content';

/**
 * Slack Block Kit for an incoming webhook, within Slack's documented limits: header text 150,
 * section text 3000, at most 10 fields of 2000 each, fallback `text` kept short (it is what
 * notifications show).
 */
export const SLACK_LIMITS = { headerText: 150, sectionText: 3000, fields: 10, fieldText: 2000, fallbackText: 3000, blocks: 50 } as const;

export function slackMessage(content: MessageContent): Record<string, unknown> {
  const title = `${content.providerLabel}: ${content.event}`;
  const fields = scalarFields(content.data).slice(0, SLACK_LIMITS.fields);
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: truncateVisibly(title, SLACK_LIMITS.headerText), emoji: true } },
  ];
  if (fields.length > 0) {
    blocks.push({
      type: 'section',
      fields: fields.map(([name, value]) => ({ type: 'mrkdwn', text: truncateVisibly(`*${name}*\n${value}`, SLACK_LIMITS.fieldText) })),
    });
  }
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: fencedJson(content.data, SLACK_LIMITS.sectionText) } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Sent by Hookbench · ${content.at.toISOString()}` }] });
  return { text: truncateVisibly(title, SLACK_LIMITS.fallbackText), blocks };
}
