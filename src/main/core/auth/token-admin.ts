import type { CreatedToken, TokenInfo } from '../../../shared/access-schemas';
import { contract } from '../../../shared/contract';
import { ApiError } from '../../../shared/errors';
import type { Caller } from '../../../shared/roles';
import { z } from 'zod';
import { openStore } from '../store/open-store';
import type { Store } from '../store/repositories';
import { AuditTrail } from './audit-trail';
import { TokensService } from './tokens-service';

/**
 * Token management straight on a data folder's database, for `hookbench token …` (which may run
 * while `serve` runs on the same file: SQLite WAL lets both in, and the server notices a revocation
 * within half a second), or on the PostgreSQL database several servers share (`--database`). The same validation and audit as the API's createToken / revokeToken.
 */
export class TokenAdmin {
  private readonly tokens: TokensService;
  private readonly audit: AuditTrail;

  private constructor(
    private readonly store: Store,
    private readonly actor: Caller,
  ) {
    this.tokens = new TokensService(store.tokens);
    this.audit = new AuditTrail(store.audit);
  }

  static async open(dataDir: string, actor: Caller, databaseUrl?: string): Promise<TokenAdmin> {
    return new TokenAdmin(await openStore({ dataDir, databaseUrl }), actor);
  }

  create(name: string, role: string): Promise<CreatedToken> {
    const input = { name, role };
    return this.audit.run(this.actor, 'createToken', input, () => {
      const parsed = parse(contract.createToken.input, input);
      return this.tokens.create(parsed.name, parsed.role);
    });
  }

  list(includeRevoked: boolean): Promise<TokenInfo[]> {
    return this.tokens.list(includeRevoked);
  }

  revoke(name: string): Promise<TokenInfo> {
    return this.audit.run(this.actor, 'revokeToken', { name }, () => this.tokens.revoke(name));
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ApiError('invalid_input', z.prettifyError(parsed.error));
  return parsed.data;
}
