import type { Caller } from '../../../shared/roles';
import { constantTimeEqual } from '../constant-time';
import type { Credential, TokensService } from './tokens-service';

/** Whoever holds the single `--token` / `HOOKBENCH_TOKEN`: the server's owner, an admin. */
export const TOKEN_OWNER: Caller = { name: 'owner', role: 'admin' };

const OWNER: Credential = { caller: TOKEN_OWNER, stillValid: async () => true };

/**
 * Maps a presented token to who is calling: the single-user owner token (compared in constant
 * time), else a live named token (looked up by its SHA-256, see token-secret.ts), else nobody.
 * Nothing here logs or echoes a token.
 */
export class Authenticator {
  constructor(
    private readonly tokens: TokensService,
    private readonly ownerToken: string | null,
  ) {}

  async authenticate(token: string): Promise<Credential | null> {
    if (this.ownerToken !== null && constantTimeEqual(token, this.ownerToken)) return OWNER;
    return this.tokens.authenticate(token);
  }

  watchRevocations(listener: () => void): () => void {
    return this.tokens.watchRevocations(listener);
  }
}
