import path from 'node:path';
import { parseArgs } from 'node:util';
import { Slug } from '../shared/endpoint-schemas';
import { CursorFileError, cursorFilePath } from './core/listen/cursor-file';
import { Listener, type ListenEvent, type ListenFrom } from './core/listen/listener';
import { defaultDataDir } from './core/paths';

/** `hookbench listen`: follows a Hookbench server's captures and forwards them to a local app. */

export const LISTEN_USAGE = `Usage: hookbench listen --server URL --token T --forward-to URL [options]

Forwards every new capture of a Hookbench server (its API URL) to a local app, byte-exact, in
order, at least once: captures missed while stopped, asleep or offline are sent first.

  --server URL          the server's API/UI address, e.g. https://hooks.example.com
  --token T             an API token (default: env HOOKBENCH_TOKEN); a member token also
                        records each answer on the server (Sends tab), a viewer token only reads
  --forward-to URL      the local app, e.g. http://localhost:3000/webhooks (the path after the
                        endpoint's slug is appended, then the query)
  --endpoint SLUG       only this endpoint's captures (default: every capture)
  --from missed|now     missed (default): resume after the last capture forwarded, from the
                        state file; now: skip what arrived before this start
  --state-dir DIR       where cursors are kept (default: ${path.join(defaultDataDir(), 'listen')})
  --json                one JSON object per line on stdout (type: forward, retry, push, ...)
  -h, --help            this text
`;

class ListenUsageError extends Error {}

function httpUrl(value: string | undefined, flag: string): URL {
  if (value === undefined) throw new ListenUsageError(`${flag} is required`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ListenUsageError(`${flag} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ListenUsageError(`${flag} must be an http(s) URL, got "${value}"`);
  if (url.username || url.password) throw new ListenUsageError(`${flag} must not carry credentials; give the token with --token`);
  return url;
}

const clock = (iso: string) => new Date(iso).toTimeString().slice(0, 8);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One line per event for people: forwards and retries on stdout, the rest on stderr. */
function humanLine(event: ListenEvent, describe: string): { out: 'stdout' | 'stderr'; text: string } | null {
  const t = clock(event.time);
  switch (event.type) {
    case 'start':
      return { out: 'stderr', text: `${t}  listening: ${describe}; ${event.resumed ? `resuming after #${event.after}` : `from now (after #${event.after})`}` };
    case 'forward': {
      const notes = [event.attempts > 1 ? `delivered after ${event.attempts} tries` : '', event.recorded ? '' : 'not recorded on the server'].filter(Boolean);
      return { out: 'stdout', text: `${t}  #${event.id}  ${event.method} ${event.path}  → ${event.status}  ${event.ms} ms${notes.length ? `  (${notes.join('; ')})` : ''}` };
    }
    case 'retry':
      return {
        out: 'stdout',
        text: `${t}  #${event.id}  ${event.method} ${event.path}  → not delivered: ${event.error.message}; try ${event.attempt + 1} in ${seconds(event.retryInMs)} (it and later captures wait)`,
      };
    case 'push':
      return event.state === 'connected'
        ? { out: 'stderr', text: `${t}  connected: live` }
        : { out: 'stderr', text: `${t}  push channel down (${event.reason}); reconnecting in ${seconds(event.retryInMs)}` };
    case 'server':
      return { out: 'stderr', text: `${t}  server not reachable (${event.message}); retrying in ${seconds(event.retryInMs)}` };
    case 'warning':
      return { out: 'stderr', text: `${t}  warning: ${event.message}` };
    case 'fatal':
      return { out: 'stderr', text: `hookbench listen: ${event.message}` };
  }
}

function stop(listener: Listener): void {
  // A hung local app (the forward in flight waits up to its timeout) must not hold Ctrl+C for long:
  // whatever was not delivered is sent again next time.
  setTimeout(() => process.exit(0), 5_000).unref();
  void listener.stop();
}

export async function listenCommand(argv: string[]): Promise<void> {
  let listener: Listener;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        'forward-to': { type: 'string' },
        endpoint: { type: 'string' },
        from: { type: 'string' },
        'state-dir': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      process.stdout.write(LISTEN_USAGE);
      return;
    }
    if (positionals.length > 0) throw new ListenUsageError(`unexpected argument "${positionals[0]}"`);
    // Only the origin: the API's routes are absolute, and a pasted UI URL carries its token in the query.
    const server = httpUrl(values.server, '--server').origin;
    const forwardTo = httpUrl(values['forward-to'], '--forward-to').href;
    const token = values.token ?? process.env.HOOKBENCH_TOKEN;
    if (!token) throw new ListenUsageError('--token (or env HOOKBENCH_TOKEN) is required');
    const endpoint = values.endpoint ?? null;
    if (endpoint !== null && !Slug.safeParse(endpoint).success) throw new ListenUsageError(`--endpoint must be an endpoint slug, got "${endpoint}"`);
    const from = values.from ?? 'missed';
    if (from !== 'missed' && from !== 'now') throw new ListenUsageError(`--from must be missed or now, got "${from}"`);
    const stateDir = values['state-dir'] ?? path.join(defaultDataDir(), 'listen');
    const describe = `${endpoint === null ? 'every capture' : `endpoint "${endpoint}"`} of ${server} → ${forwardTo}`;
    const json = values.json === true;
    listener = new Listener({
      serverUrl: server,
      token,
      forwardTo,
      endpoint,
      from: from as ListenFrom,
      stateFile: cursorFilePath(stateDir, server, endpoint, forwardTo),
      onEvent: (event) => {
        if (json) return void process.stdout.write(JSON.stringify(event) + '\n');
        const line = humanLine(event, describe);
        if (line) process[line.out].write(line.text + '\n');
      },
    });
    // Before start: a first run may be waiting for an unreachable server, and Ctrl+C must still be clean.
    process.on('SIGINT', () => stop(listener));
    process.on('SIGTERM', () => stop(listener));
    await listener.start();
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e instanceof ListenUsageError || e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      process.stderr.write(`hookbench listen: ${e.message}\n\n${LISTEN_USAGE}`);
      process.exit(2);
    }
    process.stderr.write(`hookbench listen: ${e instanceof CursorFileError ? e.message : `cannot start: ${e.message}`}\n`);
    process.exit(1);
  }

  const { failure } = await listener.finished;
  process.exit(failure === null ? 0 : 1);
}
