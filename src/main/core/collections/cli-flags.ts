import type { z } from 'zod';
import { CustomScheme, SchemeId } from '../../../shared/signatures';

/**
 * Flags `hookbench test` and `hookbench trigger` share, checked the same way. A bad value is a
 * FlagError, which the commands report as a usage error (exit 2).
 */

export class FlagError extends Error {}

/** The parseArgs options both commands take, read by the parsers below. */
export const SHARED_OPTIONS = {
  target: { type: 'string' },
  scheme: { type: 'string' },
  'custom-scheme': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Runs a command to its exit code: 0 when `run` reports success, 1 when it does not or throws,
 * 2 for a usage error (a FlagError or a flag parseArgs refused), which is followed by the usage text.
 */
export async function runCommand(name: string, usage: string, run: () => Promise<boolean>): Promise<void> {
  try {
    process.exitCode = (await run()) ? 0 : 1;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const isUsage = e instanceof FlagError || e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
    process.stderr.write(`hookbench ${name}: ${e.message}\n${isUsage ? `\n${usage}` : ''}`);
    process.exitCode = isUsage ? 2 : 1;
  }
}

/** Secrets for signing: one for every scheme, and/or one per scheme (`--secret stripe=whsec_…`). */
export interface Secrets {
  any: string | null;
  byScheme: Partial<Record<SchemeId, string>>;
}

export const NO_SECRETS: Secrets = { any: null, byScheme: {} };

export function secretFor(secrets: Secrets, scheme: SchemeId): string | null {
  return secrets.byScheme[scheme] ?? secrets.any;
}

export function hasSecrets(secrets: Secrets): boolean {
  return secrets.any !== null || Object.keys(secrets.byScheme).length > 0;
}

/**
 * `--secret S` (any number of `--secret SCHEME=S` beside it), else env HOOKBENCH_SECRET, which
 * keeps the secret out of the process list. `SCHEME=` is read as a scope only when SCHEME is a
 * scheme id, so a base64 secret ending in `=` stays whole.
 */
export function parseSecrets(flags: readonly string[] | undefined, env: string | undefined): Secrets {
  const secrets: Secrets = { any: null, byScheme: {} };
  for (const flag of flags && flags.length > 0 ? flags : env ? [env] : []) {
    const eq = flag.indexOf('=');
    const scope = eq > 0 ? SchemeId.safeParse(flag.slice(0, eq)) : null;
    const [key, value] = scope?.success ? [scope.data, flag.slice(eq + 1)] : ['any' as const, flag];
    if (value === '') throw new FlagError(`--secret ${key === 'any' ? '' : `${key}=`}is empty`);
    if (key === 'any') {
      if (secrets.any !== null) throw new FlagError('--secret without a scheme given twice; scope them: --secret stripe=S --secret github=S');
      secrets.any = value;
    } else {
      if (secrets.byScheme[key] !== undefined) throw new FlagError(`--secret ${key}= given twice`);
      secrets.byScheme[key] = value;
    }
  }
  return secrets;
}

export function parseScheme(value: string | undefined): SchemeId | undefined {
  if (value === undefined) return undefined;
  const parsed = SchemeId.safeParse(value);
  if (!parsed.success) throw new FlagError(`--scheme must be one of ${SchemeId.options.join(', ')}; got "${value}"`);
  return parsed.data;
}

/** A flag whose value is JSON, checked against `schema` (zod issues become the message). */
export function jsonFlag<T>(flag: string, value: string | undefined, schema: z.ZodType<T>, example: string): T | undefined {
  if (value === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new FlagError(`${flag} must be JSON: ${example}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new FlagError(`${flag}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** `--custom-scheme JSON`: the definition the `custom` scheme signs with (as a sender target's). */
export function parseCustomScheme(value: string | undefined): CustomScheme | undefined {
  return jsonFlag('--custom-scheme', value, CustomScheme, '{"algorithm":"sha256","encoding":"hex","header":"X-Signature",…}');
}

export function parseTarget(value: string | undefined): URL {
  if (value === undefined) throw new FlagError('--target URL is required');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new FlagError(`--target must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FlagError(`--target must be an http(s) URL, got "${value}"`);
  return url;
}

/** `--timeout SECONDS` per request (default 10). */
export function parseTimeoutMs(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new FlagError(`--timeout must be seconds between 0 and 600, got "${value}"`);
  return Math.round(seconds * 1000);
}
