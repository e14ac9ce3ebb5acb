import os from 'node:os';
import { parseArgs } from 'node:util';
import type { TokenInfo } from '../shared/access-schemas';
import type { Caller } from '../shared/roles';
import { TokenAdmin } from './core/auth/token-admin';
import { defaultDataDir } from './core/paths';

export const TOKEN_USAGE = `Usage: hookbench token create NAME --role admin|member|viewer [--json]
       hookbench token list [--all] [--json]
       hookbench token revoke NAME [--json]

  Named API tokens for a team server (each takes --data-dir DIR, default ${defaultDataDir()};
  servers sharing a PostgreSQL database: --database postgres://… or HOOKBENCH_DATABASE_URL).
  viewer reads; member also replays, forwards, emits and verifies; admin also manages endpoints,
  targets, retention and tokens. A token is printed once, by create, and stored hashed. A running
  server refuses a revoked token from its next request on and closes its open push sockets.
  --all lists revoked tokens too.
`;

class UsageError extends Error {}

/** Who the audit log names for changes made here: whoever can write the data folder is an admin. */
function cliActor(): Caller {
  let user = '';
  try {
    user = os.userInfo().username;
  } catch {
    // no passwd entry (some containers): the audit log still says it was the CLI
  }
  return { name: user ? `cli:${user}` : 'cli', role: 'admin' };
}

function table(tokens: TokenInfo[]): string {
  if (tokens.length === 0) return 'No tokens.\n';
  const rows = [['NAME', 'ROLE', 'CREATED', 'LAST USED', 'REVOKED'], ...tokens.map((t) => [t.name, t.role, t.createdAt, t.lastUsedAt ?? '-', t.revokedAt ?? '-'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      database: { type: 'string' },
      role: { type: 'string' },
      all: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [action, name, ...extra] = positionals;
  if (values.help || action === undefined) {
    process.stdout.write(TOKEN_USAGE);
    return;
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if ((action === 'create' || action === 'revoke') && name === undefined) throw new UsageError(`token ${action} needs a NAME`);
  if (action !== 'create' && values.role !== undefined) throw new UsageError('--role goes with token create');
  if (action === 'create' && values.role === undefined) throw new UsageError('token create needs --role admin|member|viewer');
  if (action !== 'list' && values.all) throw new UsageError('--all goes with token list');
  if (!['create', 'list', 'revoke'].includes(action)) throw new UsageError(`unknown token command "${action}"`);

  const admin = await TokenAdmin.open(values['data-dir'] ?? defaultDataDir(), cliActor(), values.database ?? (process.env.HOOKBENCH_DATABASE_URL || undefined));
  try {
    const out = (json: unknown, text: string) => process.stdout.write(values.json ? JSON.stringify(json) + '\n' : text);
    if (action === 'create') {
      const created = await admin.create(name!, values.role!);
      // The token alone on stdout (TOKEN=$(hookbench token create …) works); the note on stderr.
      out(created, created.token + '\n');
      if (!values.json) process.stderr.write(`Created token "${created.name}" (${created.role}). It is shown only this once: keep it now.\n`);
    } else if (action === 'list') {
      const tokens = await admin.list(values.all ?? false);
      out(tokens, table(tokens));
    } else {
      const revoked = await admin.revoke(name!);
      out(revoked, `Revoked token "${revoked.name}" (${revoked.role}); a running server refuses it from now on.\n`);
    }
  } finally {
    await admin.close();
  }
}

/** `hookbench token …`: exit 0 done, 1 refused (unknown name, name taken, …), 2 usage error. */
export async function tokenCommand(argv: string[]): Promise<void> {
  try {
    await run(argv);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const usage = e instanceof UsageError || e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
    process.stderr.write(`hookbench token: ${e.message}\n${usage ? `\n${TOKEN_USAGE}` : ''}`);
    process.exitCode = usage ? 2 : 1;
  }
}
