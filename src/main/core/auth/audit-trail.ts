import { ApiError } from '../../../shared/errors';
import type { Caller } from '../../../shared/roles';
import type { AuditRepository } from '../store/repositories';

/**
 * The input fields that say what a mutation was applied to, in the order shown. A list of what
 * may appear rather than of what may not: a field added to some input later (a secret, a body)
 * stays out of the log until someone adds it here on purpose.
 */
const TARGET_FIELDS = ['id', 'ids', 'slug', 'name', 'role', 'clear', 'targetId', 'target', 'event', 'provider', 'states', 'format', 'url', 'host', 'maxCount', 'maxBytes', 'filter'] as const;
const URL_FIELDS = new Set(['url', 'host']);
const MAX_TARGET = 300;
const MAX_IDS_SHOWN = 10;

/** Scheme, host and path only: a URL's user info and query may carry credentials. */
function safeUrl(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

function show(field: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (URL_FIELDS.has(field)) return typeof value === 'string' ? safeUrl(value) : null;
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_IDS_SHOWN).map((v) => (typeof v === 'object' ? '…' : String(v)));
    return `[${shown.join(',')}${value.length > MAX_IDS_SHOWN ? `,…+${value.length - MAX_IDS_SHOWN}` : ''}]`;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A short description of what a call was applied to: `id=12`, `slug=stripe clear=true`, `name=ci role=member`. */
export function describeTarget(input: unknown): string {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return '';
  const fields = input as Record<string, unknown>;
  const parts: string[] = [];
  for (const field of TARGET_FIELDS) {
    const shown = show(field, fields[field]);
    if (shown !== null) parts.push(`${field}=${shown}`);
  }
  const text = parts.join(' ');
  return text.length > MAX_TARGET ? text.slice(0, MAX_TARGET - 1) + '…' : text;
}

/** `ok`, or the code of the error a call ended with. */
export function outcomeOf(error: unknown): string {
  return error instanceof ApiError ? error.code : 'internal';
}

/** Writes the audit log: who called which mutation, on what, and how it ended. */
export class AuditTrail {
  constructor(private readonly repo: AuditRepository) {}

  /** Runs a mutation and records it, whatever its outcome: a refused attempt says as much as a done one. */
  async run<T>(caller: Caller, method: string, input: unknown, action: () => T | Promise<T>): Promise<T> {
    try {
      const output = await action();
      await this.record(caller, method, input, 'ok');
      return output;
    } catch (error) {
      await this.record(caller, method, input, outcomeOf(error));
      throw error;
    }
  }

  async record(caller: Caller, method: string, input: unknown, outcome: string): Promise<void> {
    try {
      await this.repo.record({ at: Date.now(), actor: caller.name, actorRole: caller.role, method, target: describeTarget(input), outcome });
    } catch (error) {
      // The call itself happened (or failed) regardless; losing its audit line is logged, never fatal.
      process.stderr.write(`hookbench: could not write the audit log for ${method}: ${(error as Error).message}\n`);
    }
  }
}
