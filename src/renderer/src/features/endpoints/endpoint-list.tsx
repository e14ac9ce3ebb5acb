import { useCallback, useRef, useState } from 'react';
import { Slug } from '../../../../shared/endpoint-schemas';
import { endpointUrls } from '../../stores/endpoint-urls';
import { EndpointsStore } from '../../stores/endpoints-store';
import { InboxStore } from '../../stores/inbox-store';
import { SessionStore } from '../../stores/session-store';
import { useCan } from '../../stores/use-can';
import { EndpointEditor } from './endpoint-editor';
import { EndpointUrlRow } from './endpoint-url-row';
import { useEndpointCommands } from './use-endpoint-commands';
import './endpoints.css';

/**
 * The endpoint sidebar: the platform-wide log (everything), the default inbox, and each named
 * endpoint with its local and public URL. Picking one filters the inbox to it.
 */
export function EndpointList() {
  const endpoints = EndpointsStore.use((s) => s.items);
  const save = EndpointsStore.use((s) => s.save);
  const info = SessionStore.use((s) => s.info);
  const current = InboxStore.use((s) => s.view.endpoint);
  const counts = InboxStore.use((s) => s.facets?.endpoints);
  const setView = InboxStore.use((s) => s.setView);
  const canEdit = useCan('putEndpoint');
  const [editing, setEditing] = useState<string | null>(null);
  const [newSlug, setNewSlug] = useState('');
  const [error, setError] = useState<string | null>(null);
  const newInput = useRef<HTMLInputElement>(null);

  const only = current.length === 1 ? current[0] : undefined;
  const count = (slug: string | null) => counts?.find((c) => c.value === slug)?.count;
  const selectedUrls = only ? endpointUrls(info, only) : null;

  const focusNew = useCallback(() => {
    newInput.current?.scrollIntoView({ block: 'nearest' });
    newInput.current?.focus();
  }, []);
  useEndpointCommands({ focusNew, selected: only || undefined, openSettings: setEditing, url: selectedUrls ? (selectedUrls.public ?? selectedUrls.local) : null });

  const create = async () => {
    const slug = newSlug.trim().toLowerCase();
    const parsed = Slug.safeParse(slug);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'invalid slug');
    if (endpoints.some((e) => e.slug === slug)) return setError(`${slug} already exists`);
    try {
      await save({ slug });
      setNewSlug('');
      setError(null);
      setView({ endpoint: [slug] });
      setEditing(slug);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <nav className="endpoints" data-testid="endpoint-list" aria-label="Endpoints">
      <div className="pane-title">Endpoints</div>
      <button type="button" className={`endpoint-item${current.length === 0 ? ' active' : ''}`} data-testid="endpoint-all" onClick={() => setView({ endpoint: [] })}>
        <span className="endpoint-name">All requests</span>
        <span className="muted endpoint-sub">every endpoint</span>
      </button>
      <button type="button" className={`endpoint-item${only === '' ? ' active' : ''}`} data-testid="endpoint-default" onClick={() => setView({ endpoint: [''] })}>
        <span className="endpoint-name">Default inbox {count(null) !== undefined && <span className="chip-count">{count(null)}</span>}</span>
        <span className="muted endpoint-sub">any other path</span>
      </button>
      {endpoints.map((endpoint) => {
        const urls = endpointUrls(info, endpoint.slug);
        return (
          <div key={endpoint.slug} className={`endpoint-item${only === endpoint.slug ? ' active' : ''}`} data-testid="endpoint-item" data-slug={endpoint.slug}>
            <button type="button" className="endpoint-pick" title={`Show the requests to /${endpoint.slug}`} onClick={() => setView({ endpoint: [endpoint.slug] })}>
              <span className="endpoint-name" title={endpoint.name}>
                {endpoint.name} {count(endpoint.slug) !== undefined && <span className="chip-count">{count(endpoint.slug)}</span>}
              </span>
              <span className="muted endpoint-sub">
                /{endpoint.slug} → {endpoint.response.status}
                {endpoint.response.delayMs > 0 ? ` after ${endpoint.response.delayMs} ms` : ''}
              </span>
            </button>
            <EndpointUrlRow url={urls.local} kind="local" labelled={urls.public !== null} />
            {urls.public && <EndpointUrlRow url={urls.public} kind="public" labelled />}
            {canEdit && (
              <button type="button" className="link-button endpoint-edit" data-testid="endpoint-edit" onClick={() => setEditing(editing === endpoint.slug ? null : endpoint.slug)}>
                {editing === endpoint.slug ? 'Close settings' : 'Settings'}
              </button>
            )}
            {editing === endpoint.slug && <EndpointEditor endpoint={endpoint} onDone={() => setEditing(null)} />}
          </div>
        );
      })}
      {canEdit && (
        <form
          className="endpoint-new"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <input ref={newInput} data-testid="endpoint-new-slug" placeholder="new-endpoint-slug" value={newSlug} onChange={(e) => setNewSlug(e.target.value)} aria-label="New endpoint slug" />
          <button type="submit" className="copy-button" data-testid="endpoint-create">
            Add
          </button>
        </form>
      )}
      {error && <p className="warn endpoint-error">{error}</p>}
    </nav>
  );
}
