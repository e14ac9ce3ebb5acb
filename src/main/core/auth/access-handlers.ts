import type { ApiHandlers } from '../api';
import type { AuditRepository } from '../store/repositories';
import type { TokensService } from './tokens-service';

/** The contract's token and audit methods (admin only; the Api checks roles and writes the audit). */
export function accessHandlers(tokens: TokensService, audit: AuditRepository): Pick<ApiHandlers, 'listTokens' | 'createToken' | 'revokeToken' | 'listAudit'> {
  return {
    listTokens: async ({ includeRevoked }) => ({ items: await tokens.list(includeRevoked), nextCursor: null }),
    createToken: ({ name, role }) => tokens.create(name, role),
    revokeToken: ({ name }) => tokens.revoke(name),
    listAudit: (filter) => audit.list(filter),
  };
}
