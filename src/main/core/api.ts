import { z } from 'zod';
import { contract, type MethodName, type MethodOutput, type ParsedInput, type ServerInfo } from '../../shared/contract';
import { ApiError } from '../../shared/errors';
import { PushBus } from './push-bus';
import type { Store } from './store/store';
import { decodeCursor } from './store/repos/requests-repo';

/** One handler per contract method: the compiler flags a method added to the contract but not here. */
export type ApiHandlers = {
  [K in MethodName]: (input: ParsedInput<K>) => MethodOutput<K> | Promise<MethodOutput<K>>;
};

/**
 * The core's API: implements the contract on top of the store. Transports never call the store;
 * they call `call(name, rawInput)`, which parses the input with the contract's schema first.
 */
export class Api {
  readonly push = new PushBus();
  private readonly handlers: ApiHandlers;

  constructor(
    private readonly store: Store,
    private readonly info: () => ServerInfo,
  ) {
    this.handlers = {
      getInfo: () => this.info(),
      listRequests: ({ limit, cursor, ...filter }) => {
        const after = cursor === undefined ? null : decodeCursor(cursor);
        if (cursor !== undefined && after === null) throw new ApiError('invalid_input', 'cursor is not valid');
        return this.store.requests.list(filter, { limit, after });
      },
      getRequestFacets: (filter) => this.store.requests.facets(filter),
      getRequest: ({ id }) => {
        const found = this.store.requests.get(id);
        if (!found) throw new ApiError('not_found', `request ${id} does not exist`);
        return found;
      },
    };
  }

  /** Validates untrusted input against the contract, then runs the method. */
  async call<K extends MethodName>(name: K, rawInput: unknown): Promise<MethodOutput<K>> {
    const def = contract[name];
    if (!def) throw new ApiError('not_found', `unknown method ${String(name)}`);
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) throw new ApiError('invalid_input', z.prettifyError(parsed.error));
    const handler = this.handlers[name] as (input: unknown) => MethodOutput<K> | Promise<MethodOutput<K>>;
    return handler(parsed.data);
  }
}

/** Maps anything thrown by a handler to the error shape every transport returns. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  process.stderr.write(`hookbench: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
  return new ApiError('internal', 'Something went wrong inside Hookbench; the details are in its log.');
}
