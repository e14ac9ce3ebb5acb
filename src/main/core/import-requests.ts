import { parseCurl, CurlParseError } from '../../shared/export/curl-parse';
import { harEntryBody, type Har } from '../../shared/export/har';
import { detectEvent } from '../../shared/events/detect-event';
import { detectScheme } from '../../shared/signatures';
import { slugOfPath } from '../../shared/endpoint-schemas';
import { ApiError } from '../../shared/errors';
import type { HeaderPairs, RequestSummary } from '../../shared/request-schemas';
import type { NewRequest, RequestsRepository } from './store/repositories';

/**
 * Brings requests in from elsewhere (a HAR from browser devtools or another tool, a cURL command)
 * as stored requests, so they can be inspected, edited and replayed like captures. They are marked
 * by their client address `import` and keep the status the HAR recorded (0 when none: the UI says
 * "imported"). The original URL's host is kept in a Host header (added when the import has none,
 * as an HTTP/1.1 client would have sent it): replay sets Host for its own target anyway, and the
 * UI shows the original URL and offers it as the replay URL. Each stored request is announced
 * like a capture (`onStored`), so every open window lists it at once.
 */

export const IMPORT_MAX_ENTRIES = 5_000;

function toNewRequest(
  method: string,
  url: string,
  headers: HeaderPairs,
  body: Uint8Array,
  receivedAt: number,
  status: number,
  knownSlugs: ReadonlySet<string>,
): NewRequest {
  const parsed = new URL(url);
  if (parsed.host && !headers.some(([n]) => n.toLowerCase() === 'host' || n.toLowerCase() === ':authority')) headers = [['Host', parsed.host], ...headers];
  const slug = slugOfPath(parsed.pathname);
  const bytes = Buffer.from(body);
  const request: NewRequest = {
    endpoint: slug !== null && knownSlugs.has(slug) ? slug : null,
    method: method.toUpperCase(),
    path: parsed.pathname,
    query: parsed.search.replace(/^\?/, ''),
    headers,
    body: bytes,
    size: bytes.length,
    truncated: false,
    contentType: headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? null,
    event: null,
    scheme: detectScheme(headers),
    verification: null,
    status,
    clientAddress: 'import',
    viaTunnel: false,
    receivedAt,
  };
  return { ...request, event: detectEvent(request) };
}

export async function importRequests(
  requests: RequestsRepository,
  knownSlugs: ReadonlySet<string>,
  input: { har?: Har; curl?: string },
  onStored: (summary: RequestSummary) => void = () => {},
): Promise<number[]> {
  const items: NewRequest[] = [];
  if (input.curl !== undefined) {
    try {
      const c = parseCurl(input.curl);
      items.push(toNewRequest(c.method, c.url, c.headers, c.body, Date.now(), 0, knownSlugs));
    } catch (error) {
      if (error instanceof CurlParseError || error instanceof TypeError) throw new ApiError('invalid_input', `cannot read the cURL command: ${error.message}`);
      throw error;
    }
  }
  if (input.har) {
    const entries = input.har.log.entries;
    if (entries.length > IMPORT_MAX_ENTRIES) throw new ApiError('invalid_input', `a HAR import holds at most ${IMPORT_MAX_ENTRIES} entries (this one has ${entries.length})`);
    for (const entry of entries) {
      const at = Date.parse(entry.startedDateTime);
      try {
        items.push(
          toNewRequest(
            entry.request.method,
            entry.request.url,
            entry.request.headers.map(({ name, value }) => [name, value]),
            harEntryBody(entry),
            Number.isFinite(at) ? at : Date.now(),
            entry.response.status > 0 ? entry.response.status : 0,
            knownSlugs,
          ),
        );
      } catch (error) {
        throw new ApiError('invalid_input', `HAR entry ${entries.indexOf(entry) + 1}: ${(error as Error).message}`);
      }
    }
  }
  const stored = await Promise.all(items.map((item) => requests.insert(item)));
  for (const { summary } of stored) onStored(summary);
  return stored.map((s) => s.summary.id);
}
