import { parseArgs } from 'node:util';
import { defaultDataDir } from './core/paths';
import { VERSION } from './core/version';
import { DEFAULT_TUNNEL_HOST, TunnelSubdomain } from '../shared/tunnel-schemas';
import { startHeadless } from './headless';
import { apiExposureFlags, SERVE_OPTIONS } from './serve-flags';
import { ExposureError } from './transport/api-exposure';
import { tokenCommand } from './token-command';
import { listenCommand } from './listen-command';
import { testCommand } from './test-command';
import { triggerCommand } from './trigger-command';
import { isPostgresUrl } from './core/store/open-store';

const USAGE = `Hookbench ${VERSION}: capture, inspect, replay and verify webhooks.

Usage: hookbench serve [options]

  --data-dir DIR        where history is kept (default: ${defaultDataDir()}), and the key file
                        that seals secrets
  --database URL        postgres://user:pass@host/db: keep everything in PostgreSQL instead, so
                        several instances can share it (default: env HOOKBENCH_DATABASE_URL, else
                        SQLite in --data-dir). Every instance needs the same secrets.key file
  --receiver-port N     port that captures webhooks (default 8989; 0 picks a free port)
  --ui-port N           port of the UI and API (default 8990; 0 = free)
  --host ADDR           address the receiver binds to (default 127.0.0.1)
  --api-host ADDR       address the UI/API binds to (default 127.0.0.1). Beyond loopback it
                        needs --tls-cert/--tls-key or --behind-proxy, and --api-origin
  --api-origin URL      the public origin users open (https://hooks.example.com), then the only
                        Host/Origin accepted; required beyond loopback and with --behind-proxy
  --tls-cert FILE       serve the UI/API over HTTPS: the certificate chain (PEM) ...
  --tls-key FILE        ... and its private key (PEM); both or neither
  --behind-proxy        a TLS-terminating reverse proxy is in front: its X-Forwarded-For/-Proto
                        are believed (it must pass Host through unchanged)
  --trusted-proxy LIST  the proxy's addresses or CIDR ranges, comma-separated (default: loopback)
  --token T             API token (default: env HOOKBENCH_TOKEN, else a random one)
  --tunnel              give the receiver a public URL through localtunnel (only the receiver:
                        never the UI/API); reconnects by itself
  --tunnel-host URL     self-hosted localtunnel server (default ${DEFAULT_TUNNEL_HOST})
  --subdomain S         subdomain to ask the tunnel server for (kept across restarts)
  --sender-ssrf P       SSRF policy of new sender targets: off (default) or public-only
                        (resolve and refuse private/loopback/link-local addresses)
  --json                print one JSON line when ready: {receiverUrl, uiUrl, token, publicUrl}
  -h, --help            this text

Named API tokens (each takes --data-dir DIR; see hookbench token --help):
  hookbench token create NAME --role admin|member|viewer   prints the token once
  hookbench token list [--all]  ·  hookbench token revoke NAME

Forward a server's captures to a local app (see hookbench listen --help):
  hookbench listen --server URL --token T --forward-to URL [--endpoint SLUG] [--from now|missed] [--json]

Test a handler in CI, send one event (see hookbench test --help, hookbench trigger --help):
  hookbench test --collection FILE --target URL [--secret S] [--scheme ID] [--junit FILE]
  hookbench trigger EVENT --provider P --target URL [--secret S] [--data JSON | --set path=value]
`;

class UsageError extends Error {}

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number (0-65535), got "${value}"`);
  return n;
}

export async function main(argv: string[]): Promise<void> {
  // `token` has flags of its own (--role, --all), so it is dispatched before serve's are parsed.
  if (argv[0] === 'token') return tokenCommand(argv.slice(1));
  if (argv[0] === 'listen') return listenCommand(argv.slice(1));
  if (argv[0] === 'test') return testCommand(argv.slice(1));
  if (argv[0] === 'trigger') return triggerCommand(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: SERVE_OPTIONS,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const command = positionals[0] ?? 'serve';
  if (command !== 'serve') throw new UsageError(`unknown command "${command}"`);
  if ((values['tunnel-host'] || values.subdomain) && !values.tunnel) throw new UsageError('--tunnel-host and --subdomain go with --tunnel');
  const tunnelHost = values['tunnel-host'];
  if (tunnelHost !== undefined && !/^https?:\/\/[^/]+/.test(tunnelHost)) throw new UsageError(`--tunnel-host must be an http(s) URL, got "${tunnelHost}"`);
  if (values.subdomain !== undefined && !TunnelSubdomain.safeParse(values.subdomain).success) {
    throw new UsageError(`--subdomain must be 4-63 lowercase letters, digits or -, got "${values.subdomain}"`);
  }
  const senderSsrf = values['sender-ssrf'] ?? 'off';
  if (senderSsrf !== 'off' && senderSsrf !== 'public-only') throw new UsageError(`--sender-ssrf must be off or public-only, got "${senderSsrf}"`);
  const database = values.database ?? (process.env.HOOKBENCH_DATABASE_URL || undefined);
  if (database !== undefined && !isPostgresUrl(database)) throw new UsageError('--database must be a postgres:// or postgresql:// URL');
  const token = values.token ?? process.env.HOOKBENCH_TOKEN;
  if (token !== undefined && token.length < 8) throw new UsageError('--token must be at least 8 characters');

  const server = await startHeadless({
    dataDir: values['data-dir'] ?? defaultDataDir(),
    databaseUrl: database,
    receiverPort: port(values['receiver-port'], 8989, '--receiver-port'),
    uiPort: port(values['ui-port'], 8990, '--ui-port'),
    host: values.host ?? '127.0.0.1',
    token,
    tunnel: values.tunnel ? { host: tunnelHost, subdomain: values.subdomain } : undefined,
    senderDefaultSsrf: senderSsrf,
    ...apiExposureFlags(values),
  });

  // Handlers first: whoever reads the ready line may signal at once, before the next statement runs.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // A second signal or a hung close must not keep the process alive forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close().then(
      () => {
        if (!values.json) process.stderr.write(`Hookbench stopped (${signal}).\n`);
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`hookbench: error while stopping: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  if (values.json) {
    process.stdout.write(JSON.stringify(server.ready) + '\n');
  } else {
    process.stdout.write(
      `Hookbench ${VERSION} is running headless.\n` +
        `  Send webhooks to: ${server.ready.receiverUrl}\n` +
        (values['api-origin'] === undefined
          ? `  Open the UI:      ${server.ready.uiUrl}\n`
          : // A team server's output ends up in a log (journald, docker logs): no token in it.
            `  UI and API:       ${new URL(server.ready.uiUrl).origin} (listening on ${server.api.host}, port ${server.api.port})\n` +
            `  Sign in:          ${new URL(server.ready.uiUrl).origin}/?token=<token>, tokens from hookbench token create NAME --role ROLE\n`) +
        (values.tunnel ? `  Public URL:       ${server.ready.publicUrl ?? `not yet (${server.core.tunnel.status.lastError ?? 'connecting'}); retrying in the background`}\n` : '') +
        `Press Ctrl+C to stop.\n`,
    );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const e = error as NodeJS.ErrnoException;
  if (e instanceof ExposureError) {
    process.stderr.write(`hookbench: refusing to start: ${e.message}\n(see hookbench --help)\n`);
    process.exit(2);
  }
  if (e instanceof UsageError || e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    process.stderr.write(`hookbench: ${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (e.code === 'EADDRINUSE') {
    process.stderr.write(`hookbench: port already in use (${e.message}); pick another with --receiver-port/--ui-port, or 0 for a free one\n`);
    process.exit(1);
  }
  process.stderr.write(`hookbench: ${e.message}\n`);
  process.exit(1);
});
