import type { CreatedToken, TokenInfo } from '../../../shared/access-schemas';
import { contract } from '../../../shared/contract';
import { ApiError } from '../../../shared/errors';
import type { Caller } from '../../../shared/roles';
import { z } from 'zod';
import { Store } from '../store/store';
import { AuditTrail } from './audit-trail';
import { TokensService } from './tokens-service';

/**
 * Token management straight on a data folder's database, for `hookbench token …` (which may run
 * while `serve` runs on the same file: SQLite WAL lets both in, and the server notices a revocation
 * within half a second). The same validation and audit as the API's createToken / revokeToken.
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

  static open(dataDir: string, actor: Caller): TokenAdmin {
    return new TokenAdmin(Store.open({ dataDir }), actor);
  }

  create(name: string, role: string): Promise<CreatedToken> {
    const input = { name, role };
    return this.audit.run(this.actor, 'createToken', input, () => {
      const parsed = parse(contract.createToken.input, input);
      return this.tokens.create(parsed.name, parsed.role);
    });
  }

  list(includeRevoked: boolean): TokenInfo[] {
    return this.tokens.list(includeRevoked);
  }

  revoke(name: string): Promise<TokenInfo> {
    return this.audit.run(this.actor, 'revokeToken', { name }, () => this.tokens.revoke(name));
  }

  close(): void {
    this.store.close();
  }
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ApiError('invalid_input', z.prettifyError(parsed.error));
  return parsed.data;
}
