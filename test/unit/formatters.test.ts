import { describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, SLACK_LIMITS, discordEmbedSize, formatBody, resolveFormat, truncateVisibly } from '../../src/main/core/sender/formatters';

const meta = { providerLabel: 'FeedbackPulse', event: 'submission.created', at: new Date('2026-11-26T10:00:00Z') };
const envelope = (data: Record<string, unknown>) => ({ event: 'submission.created', timestamp: '2026-11-26T10:00:00.000Z', data });

describe('payload formats', () => {
  it('auto picks Slack for hooks.slack.com, Discord for discord.com/api/webhooks, raw JSON otherwise', () => {
    expect(resolveFormat('auto', 'https://hooks.slack.com/services/T000/B000/XXXX')).toBe('slack');
    expect(resolveFormat('auto', 'https://discord.com/api/webhooks/123/abc')).toBe('discord');
    expect(resolveFormat('auto', 'https://discordapp.com/api/webhooks/123/abc')).toBe('discord');
    expect(resolveFormat('auto', 'https://discord.com/channels/1/2')).toBe('raw');
    expect(resolveFormat('auto', 'https://hooks.slack.com.evil.example/services/x')).toBe('raw');
    expect(resolveFormat('auto', 'http://127.0.0.1:3000/webhooks')).toBe('raw');
    expect(resolveFormat('slack', 'http://127.0.0.1:3000/webhooks')).toBe('slack');
  });

  it('raw is the envelope as JSON, byte for byte', () => {
    const env = envelope({ text_feedback: 'héllo ✓', customer_name: null });
    expect(formatBody('raw', env, meta).toString('utf8')).toBe(JSON.stringify(env));
  });

  it('Slack Block Kit: header, fields, the data as code, a fallback text', () => {
    const msg = JSON.parse(formatBody('slack', envelope({ star_rating: 4, customer_name: 'Ada', note: null }), meta).toString());
    expect(msg.text).toBe('FeedbackPulse: submission.created');
    expect(msg.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'FeedbackPulse: submission.created', emoji: true } });
    expect(msg.blocks[1].fields.map((f: { text: string }) => f.text)).toEqual(['*star_rating*\n4', '*customer_name*\nAda', '*note*\nnull']);
    expect(msg.blocks[2].text.text).toMatch(/^```json\n\{\n {2}"star_rating": 4/);
  });

  it('Slack: long content is truncated visibly within every documented limit, never dropped', () => {
    const huge: Record<string, unknown> = { text_feedback: 'x'.repeat(10_000) };
    for (let i = 0; i < 30; i++) huge[`field_${i}`] = `value ${i} `.repeat(400);
    const msg = JSON.parse(formatBody('slack', envelope(huge), { ...meta, event: 'e'.repeat(400) }).toString());
    expect(msg.blocks[0].text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    expect(msg.blocks[0].text.text).toMatch(/… \[truncated \d+ more characters\]$/);
    expect(msg.blocks[1].fields).toHaveLength(SLACK_LIMITS.fields);
    for (const f of msg.blocks[1].fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    const code = msg.blocks[2].text.text as string;
    expect(code.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(code).toMatch(/… \[truncated \d+ more characters\]\n```$/);
    expect(msg.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  });

  it('Discord: title 256, description 4096, fields 25 × (256, 1024), 6000 in total; truncated visibly', () => {
    const huge: Record<string, unknown> = { text_feedback: 'y'.repeat(20_000) };
    for (let i = 0; i < 40; i++) huge[`n${'a'.repeat(300)}${i}`] = 'v'.repeat(2_000);
    const msg = JSON.parse(formatBody('discord', envelope(huge), { ...meta, event: 't'.repeat(1_000) }).toString());
    const [embed] = msg.embeds;
    expect(embed.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed.title).toMatch(/more characters\]$/);
    expect(embed.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed.fields.length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    for (const f of embed.fields) {
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    expect(discordEmbedSize(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.total);
    expect(embed.description).toMatch(/more characters\]\n```$/);
  });

  it('Discord: a small event keeps everything', () => {
    const msg = JSON.parse(formatBody('discord', envelope({ star_rating: 5, customer_name: 'Ann' }), meta).toString());
    expect(msg.embeds[0]).toMatchObject({ title: 'FeedbackPulse: submission.created', fields: [{ name: 'star_rating', value: '5' }, { name: 'customer_name', value: 'Ann' }] });
    expect(msg.embeds[0].description).not.toMatch(/truncated/);
  });

  /** Customer text that would ping a channel or disguise a link if posted unescaped. */
  const hostile = { text_feedback: '<!channel> look: <https://evil.example|click here> & win', customer_name: 'Eve <@U123>' };
  const unescapedControl = /<[!@#]|<https?:/;

  it('Slack: &, < and > are escaped in every text field (header, fields, code, fallback, context), so mentions and links stay inert', () => {
    const msg = JSON.parse(formatBody('slack', envelope(hostile), { ...meta, event: '<!here> & co' }).toString());
    const texts: string[] = [msg.text];
    const walk = (v: unknown): void => {
      if (!v || typeof v !== 'object') return;
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') texts.push(x);
        else walk(x);
      }
    };
    walk(msg.blocks);
    expect(texts.length).toBeGreaterThanOrEqual(6);
    for (const t of texts) {
      expect(t).not.toMatch(unescapedControl);
      // Only Slack's three entities; no raw & that is not one of them.
      expect(t.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
    }
    expect(msg.text).toBe('FeedbackPulse: &lt;!here&gt; &amp; co');
    expect(msg.blocks[1].fields.map((f: { text: string }) => f.text)).toEqual([
      '*text_feedback*\n&lt;!channel&gt; look: &lt;https://evil.example|click here&gt; &amp; win',
      '*customer_name*\nEve &lt;@U123&gt;',
    ]);
  });

  it('Slack: escaped text still fits every limit, and a cut never splits an entity', () => {
    const data: Record<string, unknown> = { text_feedback: '<'.repeat(5_000), long: '&'.repeat(3_000) };
    const msg = JSON.parse(formatBody('slack', envelope(data), { ...meta, event: '>'.repeat(200) }).toString());
    expect(msg.blocks[0].text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    for (const f of msg.blocks[1].fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    expect(msg.blocks[2].text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    const cut = [msg.blocks[0].text.text, ...msg.blocks[1].fields.map((f: { text: string }) => f.text), msg.blocks[2].text.text];
    for (const t of cut) expect(t).toMatch(/… \[truncated \d+ more characters\]/);
    for (const t of [msg.text, ...cut]) expect(t.replace(/&(amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
    // The count is of characters the reader lost (unescaped), so 5,000 '<' less what was kept.
    const field = msg.blocks[1].fields[0].text as string;
    const kept = (field.match(/&lt;/g) ?? []).length;
    expect(Number(/truncated (\d+)/.exec(field)![1])).toBe(5_000 - kept);
  });

  it('Discord: mentions are never parsed (allowed_mentions.parse is empty), limits hold', () => {
    const msg = JSON.parse(formatBody('discord', envelope({ ...hostile, text_feedback: '@everyone <@&123> ' + 'x'.repeat(5_000) }), meta).toString());
    expect(msg.allowed_mentions).toEqual({ parse: [] });
    expect(discordEmbedSize(msg.embeds[0])).toBeLessThanOrEqual(DISCORD_LIMITS.total);
  });

  it('truncation never splits an emoji and counts what it dropped', () => {
    const text = '😀'.repeat(100);
    const cut = truncateVisibly(text, 60);
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    const dropped = Number(/truncated (\d+)/.exec(cut)![1]);
    expect(cut.indexOf('…') + dropped).toBeGreaterThanOrEqual(text.length - 1);
  });
});
