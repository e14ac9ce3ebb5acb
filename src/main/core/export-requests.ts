import type { JsonExport, RequestSelection } from '../../shared/contract';
import { toHar, type Har } from '../../shared/export/har';
import type { RequestDetail } from '../../shared/request-schemas';
import type { Position, RequestsRepository } from './store/repositories';

/** One export holds at most this many requests or body bytes, so it fits in memory and a file. */
export const EXPORT_MAX_REQUESTS = 10_000;
export const EXPORT_MAX_BYTES = 256 * 1024 * 1024;

/** The selected requests, oldest first (the order they happened), within the export limits. */
async function collect(requests: RequestsRepository, selection: RequestSelection): Promise<{ items: RequestDetail[]; truncated: boolean }> {
  const items: RequestDetail[] = [];
  let bytes = 0;
  const take = (detail: RequestDetail | null): boolean => {
    if (!detail) return true;
    if (items.length >= EXPORT_MAX_REQUESTS || bytes + detail.bodyBase64.length > EXPORT_MAX_BYTES) return false;
    items.push(detail);
    bytes += detail.bodyBase64.length;
    return true;
  };
  if (selection.ids) {
    for (const id of [...selection.ids].sort((a, b) => a - b)) if (!take(await requests.get(id))) return { items, truncated: true };
    return { items, truncated: false };
  }
  const filter = { ...selection.filter!, order: 'oldest' as const };
  let after: Position | null = null;
  for (;;) {
    const page = await requests.listPositions(filter, { limit: 500, after });
    for (const id of page.ids) if (!take(await requests.get(id))) return { items, truncated: true };
    if (!page.next) return { items, truncated: false };
    after = page.next;
  }
}

export async function exportRequests(
  requests: RequestsRepository,
  format: 'har' | 'json',
  selection: RequestSelection,
  context: { receiverUrl: string; version: string },
): Promise<Har | JsonExport> {
  const { items, truncated } = await collect(requests, selection);
  const note = truncated ? `Export stopped at ${items.length} requests (limit ${EXPORT_MAX_REQUESTS} requests / 256 MiB).` : undefined;
  if (format === 'har') return toHar(items, context.receiverUrl, context.version, note);
  return { format: 'hookbench-requests', version: context.version, exportedAt: new Date().toISOString(), truncated, items };
}
