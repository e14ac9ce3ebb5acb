import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PayloadFormat, PROVIDER_LABELS, ProviderPreset } from '../shared/sender-schemas';
import { FlagError, jsonFlag, parseCustomScheme, parseScheme, parseTarget, parseTimeoutMs, runCommand, SHARED_OPTIONS } from './core/collections/cli-flags';
import { parseSet } from './core/collections/set-path';
import { buildTrigger } from './core/collections/trigger-request';
import { sendHttp } from './core/outbound/send-http';

/** `hookbench trigger`: one catalog event, enveloped and signed as the provider sends it, from the command line. */

export const TRIGGER_USAGE = `Usage: hookbench trigger EVENT --provider P --target URL [options]

Sends one event as Hookbench's sender does: the catalog's sample for EVENT (or your data) in the
provider's envelope, with its headers and idempotency key, signed over the exact bytes with a
fresh timestamp. Exit code 0 when the target answers 2xx, 1 otherwise, 2 for a usage error.

  --provider P          ${ProviderPreset.options.join(', ')}
  --target URL          where to send it, e.g. http://localhost:3000/webhooks/stripe
  --secret S            sign with S (default: env HOOKBENCH_SECRET); without one it goes unsigned
  --scheme ID           sign with this scheme instead of the provider's (e.g. slack, shopify)
  --custom-scheme JSON  the definition the custom scheme signs with
  --data JSON           the event's data (an object) instead of the catalog's sample
  --set PATH=VALUE      change one field of the data, repeatable: --set customer.email=a@b.c
                        --set amount=4200 --set items.0.id='"007"' (VALUE is JSON when it parses,
                        else a string)
  --format F            auto (default: hooks.slack.com gets Slack Block Kit, discord.com/api/webhooks
                        a Discord embed, any other URL the raw envelope), raw, slack or discord
  --timeout SECONDS     how long to wait for the answer (default 10)
  --json                print what was sent and the answer as one JSON object
  -h, --help            this text
`;

/** Shown in full up to this many characters: a handler's error answer is what one triggers to see. */
const SHOWN_BODY_CHARS = 4096;

/** The event's data is an object: every envelope puts it under a key or spreads it. */
const EventData = z.record(z.string(), z.unknown());

function oneOf<T extends string>(options: readonly T[], value: string | undefined, flag: string): T | undefined {
  if (value === undefined || (options as readonly string[]).includes(value)) return value as T | undefined;
  throw new FlagError(`${flag} must be one of ${options.join(', ')}; got "${value}"`);
}

async function run(argv: string[]): Promise<boolean> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...SHARED_OPTIONS,
      provider: { type: 'string' },
      secret: { type: 'string' },
      data: { type: 'string' },
      set: { type: 'string', multiple: true },
      format: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(TRIGGER_USAGE);
    return true;
  }
  const [event, ...extra] = positionals;
  if (event === undefined) throw new FlagError('which EVENT? e.g. hookbench trigger payment_intent.succeeded --provider stripe --target URL');
  if (extra.length > 0) throw new FlagError(`unexpected argument "${extra[0]}"`);
  const provider = oneOf(ProviderPreset.options, values.provider, '--provider');
  if (provider === undefined) throw new FlagError('--provider is required');
  const request = buildTrigger({
    event,
    provider,
    target: parseTarget(values.target),
    secret: values.secret ?? (process.env.HOOKBENCH_SECRET || null),
    scheme: parseScheme(values.scheme),
    customScheme: parseCustomScheme(values['custom-scheme']),
    data: jsonFlag('--data', values.data, EventData, '{"id":"pi_1","amount":4200}'),
    sets: (values.set ?? []).map(parseSet),
    format: oneOf(PayloadFormat.options, values.format, '--format') ?? 'auto',
  });
  if (request.emptyData) process.stderr.write(`hookbench trigger: no catalog lists "${event}", so its data is empty (give --data)\n`);
  const result = await sendHttp({ url: request.url, method: 'POST', headers: request.headers, body: request.body, timeoutMs: parseTimeoutMs(values.timeout) });
  const ok = result.ok && result.status >= 200 && result.status < 300;
  if (values.json) {
    const response = result.ok ? { status: result.status, headers: result.headers, body: result.body.toString('utf8') } : null;
    const sent = { method: 'POST', url: request.url, headers: request.headers, body: request.body.toString('utf8') };
    process.stdout.write(JSON.stringify({ event, provider, eventId: request.eventId, signedWith: request.signedWith, request: sent, response, error: result.ok ? null : result.error, durationMs: result.durationMs }) + '\n');
    return ok;
  }
  const what = `${event} (${PROVIDER_LABELS[provider]}, ${request.eventId}, ${request.signedWith ? `signed with ${request.signedWith}` : 'unsigned'}) to ${request.url}`;
  if (!result.ok) {
    process.stderr.write(`hookbench trigger: sent ${what}: no answer: ${result.error.message}\n`);
    return false;
  }
  process.stdout.write(`Sent ${what}: ${result.status} in ${result.durationMs} ms\n`);
  const body = result.body.toString('utf8');
  if (body) process.stdout.write(body.length > SHOWN_BODY_CHARS ? `${body.slice(0, SHOWN_BODY_CHARS)}\n… (${body.length - SHOWN_BODY_CHARS} more characters)\n` : `${body}\n`);
  return ok;
}

/** Exit 0: the target answered 2xx; 1: another status, no answer, or it could not be signed; 2: usage error. */
export function triggerCommand(argv: string[]): Promise<void> {
  return runCommand('trigger', TRIGGER_USAGE, () => run(argv));
}
