import { z } from 'zod';

/**
 * Who may do what on a Hookbench server (issue 13). Each role includes the ones before it:
 * `viewer` reads; `member` also replays, forwards, emits and verifies; `admin` also manages
 * endpoints, targets, retention, the tunnel and tokens, and deletes. Every contract method names
 * the least role that may call it (contract.ts), so no transport keeps a list of its own.
 */
export const Role = z.enum(['viewer', 'member', 'admin']);
export type Role = z.infer<typeof Role>;

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

export function roleAllows(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}

/** Who is calling: the token's name and role (the desktop user and the single `--token` are admins). */
export const Caller = z.object({ name: z.string(), role: Role });
export type Caller = z.infer<typeof Caller>;

/** The person at the desktop app, and the single-user `--token` / `HOOKBENCH_TOKEN` of `serve`. */
export const LOCAL_ADMIN: Caller = { name: 'local', role: 'admin' };
