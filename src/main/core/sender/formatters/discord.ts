import { fencedJson, scalarFields, truncateVisibly } from './truncate';
import type { MessageContent } from './message-content';

/**
 * A Discord webhook message with one embed, within Discord's documented limits: title 256,
 * description 4096, at most 25 fields (name 256, value 1024), footer 2048, and 6000 characters
 * across all of them. The description gives way first when the total is over.
 */
export const DISCORD_LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, total: 6000 } as const;

const COLOR = 0x5865f2;

export function discordMessage(content: MessageContent): Record<string, unknown> {
  const title = truncateVisibly(`${content.providerLabel}: ${content.event}`, DISCORD_LIMITS.title);
  const footer = truncateVisibly('Sent by Hookbench', DISCORD_LIMITS.footer);
  const fields = scalarFields(content.data)
    .slice(0, DISCORD_LIMITS.fields)
    .map(([name, value]) => ({ name: truncateVisibly(name, DISCORD_LIMITS.fieldName), value: truncateVisibly(value || '\u200b', DISCORD_LIMITS.fieldValue), inline: value.length <= 40 }));
  let used = title.length + footer.length;
  const kept: typeof fields = [];
  // Keep fields while they fit with room for a short description.
  for (const field of fields) {
    const size = field.name.length + field.value.length;
    if (used + size > DISCORD_LIMITS.total - 200) break;
    kept.push(field);
    used += size;
  }
  const description = fencedJson(content.data, Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.total - used));
  return {
    username: content.providerLabel,
    // Customer text may contain @everyone or <@id>: nothing in a Hookbench message may ping anyone.
    allowed_mentions: { parse: [] },
    embeds: [{ title, description, color: COLOR, fields: kept, footer: { text: footer }, timestamp: content.at.toISOString() }],
  };
}

/** Characters Discord counts toward the 6000 limit of an embed. */
export function discordEmbedSize(embed: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string }; author?: { name: string } }): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}
