import { isFiltered } from '../../../../shared/filter-url';
import { CopyButton } from '../../components/copy-button';
import { endpointUrls } from '../../stores/endpoint-urls';
import { InboxStore } from '../../stores/inbox-store';
import { SessionStore } from '../../stores/session-store';

const SAMPLE = '{"event":"ping","hello":"hookbench"}';

/** A ready-to-paste command that posts a sample JSON body to `url`, on one line. */
export const sampleCurl = (url: string): string => `curl -X POST '${url}' -H 'Content-Type: application/json' -d '${SAMPLE}'`;

/**
 * What an empty inbox says. Filtered to one endpoint (a new one, typically) or with nothing
 * captured at all: where to send (the endpoint's local URL, and its public one while a tunnel is
 * up) and a curl line to try it. "No captured request matches" only when other filters hide all.
 */
export function InboxEmpty() {
  const view = InboxStore.use((s) => s.view);
  const loading = InboxStore.use((s) => s.loading);
  const info = SessionStore.use((s) => s.info);

  if (isFiltered({ ...view, endpoint: [] })) {
    return (
      <div className="inbox-empty" data-testid="inbox-no-match">
        {loading ? 'Searching…' : 'No captured request matches these filters.'}
      </div>
    );
  }
  // One named endpoint: its URLs. The default inbox (facet value '') or all: the receiver itself.
  const slug = view.endpoint.length === 1 && view.endpoint[0] ? view.endpoint[0] : null;
  const urls = slug ? endpointUrls(info, slug) : { local: `${info?.receiverUrl ?? 'http://127.0.0.1:8989'}/hello`, public: info?.publicUrl ? `${info.publicUrl.replace(/\/$/, '')}/hello` : null };
  const curl = sampleCurl(urls.local);
  return (
    <div className="inbox-empty" data-testid="inbox-empty" data-endpoint={slug ?? ''}>
      <h2>{slug ? `Waiting for webhooks to ${slug}` : 'Waiting for webhooks'}</h2>
      <p>{slug ? 'Give a provider this URL:' : 'Point a provider, or curl, at the receiver:'}</p>
      <p className="empty-url">
        <code data-testid="empty-url">{urls.local}</code> <CopyButton text={urls.local} label="Copy URL" icon />
      </p>
      {urls.public && (
        <p className="empty-url">
          Public: <code data-testid="empty-public-url">{urls.public}</code> <CopyButton text={urls.public} label="Copy public URL" icon />
        </p>
      )}
      <p>Or try it now:</p>
      <pre data-testid="empty-curl">{curl}</pre>
      <CopyButton text={curl} label="Copy curl" testId="empty-curl-copy" />
      <p>Requests show up here the moment they arrive.</p>
    </div>
  );
}
