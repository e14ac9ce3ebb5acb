import { contract, type MethodName } from '../../../shared/contract';
import { roleAllows } from '../../../shared/roles';
import { SessionStore } from './session-store';

/**
 * Whether the person using this UI may call `method`, from the role getInfo reported and the
 * method's role in the contract (no list of its own to drift). Until the role is known, or from a
 * server that does not report one, everything shows: the server still refuses what it must.
 */
export function useCan(method: MethodName): boolean {
  // While browsing a team server, `caller` is the team token's; this app's own methods go by who is here.
  const role = SessionStore.use((s) => (contract[method].local ? (s.info?.remote?.localCaller.role ?? s.info?.caller?.role) : s.info?.caller?.role));
  return role === undefined || roleAllows(role, contract[method].role);
}
