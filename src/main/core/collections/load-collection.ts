import { z } from 'zod';
import { Collection, type CollectionRequest } from '../../../shared/contracts/collection';
import { Har, harEntryBody, type HarEntry } from '../../../shared/export/har';
import { RequestDetail } from '../../../shared/request-schemas';
import { collectionRequestOf, NotReplayableError } from './export-collection';

/**
 * Reads what `hookbench test --collection` is given: a collection, or one of Hookbench's exports
 * (HAR or JSON), whose requests then each expect a 2xx. Every refusal says what was expected.
 */

export class CollectionLoadError extends Error {}

const MAX_REQUESTS = 10_000;

/** Only the fields a replay needs, so exports from other versions (fields added since) still load. */
const JsonExportItems = z.object({
  format: z.literal('hookbench-requests'),
  items: z.array(RequestDetail.pick({ id: true, method: true, path: true, query: true, headers: true, bodyBase64: true, event: true, scheme: true, truncated: true })),
});

function invalid(what: string, error: z.ZodError): CollectionLoadError {
  return new CollectionLoadError(`not a valid ${what}:\n${z.prettifyError(error)}`);
}

function fromHarEntry(entry: HarEntry, index: number): CollectionRequest {
  const where = `HAR entry ${index + 1}`;
  if (entry._hookbench?.truncated) throw new CollectionLoadError(`${where} was cut at capture (its body was over the capture limit), so it cannot be replayed as it arrived`);
  let url: URL;
  try {
    url = new URL(entry.request.url);
  } catch {
    throw new CollectionLoadError(`${where}: "${entry.request.url}" is not a URL`);
  }
  const path = url.pathname + url.search;
  return {
    name: `${where}: ${entry.request.method} ${path}`.slice(0, 200),
    method: entry.request.method.toUpperCase(),
    path,
    headers: entry.request.headers.map(({ name, value }) => [name, value]),
    bodyBase64: Buffer.from(harEntryBody(entry)).toString('base64'),
    event: entry._hookbench?.event ?? null,
    // A HAR does not say; the run detects it from the headers.
    scheme: null,
    expect: { status: '2xx' },
  };
}

function collectionOf(name: string, requests: CollectionRequest[]): Collection {
  if (requests.length > MAX_REQUESTS) throw new CollectionLoadError(`a collection holds at most ${MAX_REQUESTS} requests; this file has ${requests.length}`);
  return { format: 'hookbench-collection', version: 1, name, createdAt: new Date().toISOString(), requests };
}

/** Parses a collection, a Hookbench HAR or a Hookbench JSON export; `name` names the latter two. */
export function loadCollection(text: string, name: string): Collection {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CollectionLoadError(`not JSON (${(error as Error).message})`);
  }
  const format = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).format : undefined;
  if (format === 'hookbench-collection') {
    const version = (value as Record<string, unknown>).version;
    if (version !== 1) throw new CollectionLoadError(`collection format version ${JSON.stringify(version)}: this Hookbench reads version 1`);
    const parsed = Collection.safeParse(value);
    if (!parsed.success) throw invalid('collection', parsed.error);
    return parsed.data;
  }
  if (format === 'hookbench-requests') {
    const parsed = JsonExportItems.safeParse(value);
    if (!parsed.success) throw invalid('Hookbench JSON export', parsed.error);
    try {
      return collectionOf(name, parsed.data.items.map(collectionRequestOf));
    } catch (error) {
      if (error instanceof NotReplayableError) throw new CollectionLoadError(error.message);
      throw error;
    }
  }
  if (value !== null && typeof value === 'object' && 'log' in value) {
    const parsed = Har.safeParse(value);
    if (!parsed.success) throw invalid('HAR 1.2 file', parsed.error);
    return collectionOf(name, parsed.data.log.entries.map(fromHarEntry));
  }
  throw new CollectionLoadError('neither a collection ("format": "hookbench-collection"), a Hookbench JSON export ("format": "hookbench-requests") nor a HAR file ("log")');
}
