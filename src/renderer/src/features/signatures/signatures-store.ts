import { createStore, type StoreApi } from 'zustand';
import type { MethodInput, MethodOutput } from '../../../../shared/contract';
import type { HookbenchClient } from '../../api/client';
import { storeContext } from '../../stores/store-context';

/**
 * The Signature Lab's calls: verifying a captured request and signing a typed payload. The answers
 * belong to the lab's form (what was typed), so they stay in the components; the calls live here.
 */
export interface SignaturesState {
  verify(input: MethodInput<'verifyRequest'>): Promise<MethodOutput<'verifyRequest'>>;
  sign(input: MethodInput<'signPayload'>): Promise<MethodOutput<'signPayload'>>;
}

export function createSignaturesStore(client: HookbenchClient): StoreApi<SignaturesState> {
  return createStore<SignaturesState>()(() => ({
    verify: (input) => client.call('verifyRequest', input),
    sign: (input) => client.call('signPayload', input),
  }));
}

export const SignaturesStore = storeContext<SignaturesState>('SignaturesStore');
