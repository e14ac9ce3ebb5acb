import type { Retention } from '../../shared/endpoint-schemas';
import type { PushBus } from './push-bus';
import type { FilterWithoutPaging, RequestsRepository } from './store/repositories';

/** Past a screenful of ids the UI is better off reloading its list than diffing it. */
const RELOAD_OVER = 1_000;

/**
 * Deleting captured requests, and telling every UI which went: by id, by filter, or by retention.
 * The repository only deletes; announcing is this service's job (a repository never notifies).
 */
export class RequestsService {
  constructor(
    private readonly repo: RequestsRepository,
    private readonly push: PushBus,
  ) {}

  /** Returns how many existed. */
  async delete(ids: readonly number[]): Promise<number> {
    const deleted = await this.repo.delete(ids);
    this.announce(deleted);
    return deleted.length;
  }

  async deleteMatching(filter: FilterWithoutPaging): Promise<number> {
    const deleted = await this.repo.deleteMatching(filter);
    this.announce(deleted);
    return deleted.length;
  }

  /** Enforces a retention policy now (a new policy, or the periodic pass on a shared database). */
  async applyRetention(retention: Retention): Promise<number> {
    const trimmed = await this.repo.applyRetention(retention);
    this.announce(trimmed);
    return trimmed.length;
  }

  /** Also for ids removed elsewhere (retention inside a capture's commit). */
  announce(ids: readonly number[]): void {
    if (ids.length === 0) return;
    const reload = ids.length > RELOAD_OVER;
    this.push.emit({ event: 'requests.deleted', payload: { ids: reload ? [] : [...ids], reload } });
  }
}
