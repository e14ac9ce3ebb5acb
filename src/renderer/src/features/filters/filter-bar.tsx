import { useEffect, useMemo, useRef, useState } from 'react';
import { EMPTY_VIEW, isFiltered, type InboxView } from '../../../../shared/filter-url';
import { useCommands, type Command } from '../../stores/command-store';
import { InboxStore } from '../../stores/inbox-store';
import { FacetChips } from './facet-chips';

const RANGES: { value: InboxView['range']; label: string }[] = [
  { value: 'all', label: 'All time' },
  { value: '15m', label: 'Last 15 minutes' },
  { value: '1h', label: 'Last hour' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: 'custom', label: 'Custom range…' },
];

const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'];
const SEARCH_DEBOUNCE_MS = 250;

/** `datetime-local` wants local time without a zone; the URL keeps ISO (UTC). */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

/** Filters over the inbox: text, time, status, method, event and endpoint, with counts. */
export function FilterBar() {
  const view = InboxStore.use((s) => s.view);
  const facets = InboxStore.use((s) => s.facets);
  const setView = InboxStore.use((s) => s.setView);
  const [text, setText] = useState(view.q);
  const search = useRef<HTMLInputElement>(null);
  const commands = useMemo<Command[]>(
    () => [
      {
        id: 'inbox.search',
        title: 'Search the inbox',
        group: 'Inbox',
        shortcut: '/',
        run: () => {
          search.current?.focus();
          search.current?.select();
        },
      },
    ],
    [],
  );
  useCommands(commands);

  // Typing searches after a short pause, not on every key.
  useEffect(() => {
    if (text === view.q) return;
    const timer = setTimeout(() => setView({ q: text }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, view.q, setView]);
  // Follow outside changes (clear all).
  useEffect(() => setText(view.q), [view.q]);

  const statusCounts = new Map((facets?.statuses ?? []).map((f) => [f.value ?? '', f.count]));
  const total = facets ? `${facets.capped ? `${facets.scanned.toLocaleString()}+` : facets.total.toLocaleString()} matching` : '';

  return (
    <div className="filter-bar" data-testid="filter-bar">
      <div className="filter-row">
        <input
          ref={search}
          className="filter-search"
          data-testid="filter-search"
          type="search"
          placeholder="Search path, headers and bodies"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <select
          data-testid="filter-range"
          value={view.range}
          aria-label="Time range"
          onChange={(e) => setView({ range: e.target.value as InboxView['range'] })}
        >
          {RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="chip"
          data-testid="order-toggle"
          title="Sort order"
          onClick={() => setView({ order: view.order === 'newest' ? 'oldest' : 'newest' })}
        >
          {view.order === 'newest' ? 'Newest first' : 'Oldest first'}
        </button>
        <button
          type="button"
          className={`chip${view.drift ? ' chip-on' : ''}`}
          aria-pressed={view.drift}
          data-testid="filter-drift"
          title="Only captures whose body departs from their event's schema"
          onClick={() => setView({ drift: !view.drift })}
        >
          Drift
        </button>
      </div>
      {view.range === 'custom' && (
        <div className="filter-row">
          <label>
            From{' '}
            <input
              type="datetime-local"
              data-testid="filter-from"
              value={toLocalInput(view.from)}
              onChange={(e) => setView({ from: fromLocalInput(e.target.value) })}
            />
          </label>
          <label>
            To{' '}
            <input type="datetime-local" data-testid="filter-to" value={toLocalInput(view.to)} onChange={(e) => setView({ to: fromLocalInput(e.target.value) })} />
          </label>
        </div>
      )}
      <div className="filter-row">
        <FacetChips
          label="Status"
          testId="status"
          values={STATUS_CLASSES.map((value) => ({ value, count: statusCounts.get(value) ?? 0 }))}
          selected={view.status}
          onChange={(status) => setView({ status })}
        />
        <FacetChips
          label="Method"
          testId="method"
          values={(facets?.methods ?? []).flatMap((f) => (f.value ? [{ value: f.value, count: f.count }] : []))}
          selected={view.method}
          onChange={(method) => setView({ method })}
        />
      </div>
      <div className="filter-row">
        <FacetChips
          label="Event"
          testId="event"
          values={(facets?.events ?? []).flatMap((f) => (f.value ? [{ value: f.value, count: f.count }] : []))}
          selected={view.event}
          onChange={(event) => setView({ event })}
          limit={12}
        />
      </div>
      {(facets?.verifications ?? []).some((f) => f.value !== null) && (
        <div className="filter-row">
          <FacetChips
            label="Signature"
            testId="verification"
            values={(facets?.verifications ?? []).flatMap((f) => (f.value ? [{ value: f.value, count: f.count }] : []))}
            selected={view.verification}
            onChange={(verification) => setView({ verification })}
          />
        </div>
      )}
      {(facets?.endpoints.length ?? 0) > 1 && (
        <div className="filter-row">
          <FacetChips
            label="Endpoint"
            testId="endpoint"
            values={(facets?.endpoints ?? []).map((f) => ({ value: f.value ?? '', label: f.value ?? 'default inbox', count: f.count }))}
            selected={view.endpoint}
            onChange={(endpoint) => setView({ endpoint })}
          />
        </div>
      )}
      <div className="filter-row filter-summary">
        <span className="muted" data-testid="match-count">
          {total}
        </span>
        {isFiltered(view) && (
          <button type="button" className="link-button" data-testid="filter-clear" onClick={() => setView({ ...EMPTY_VIEW, order: view.order })}>
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
