import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { isFiltered } from '../../stores/inbox-view';
import { clockTime, driftLine, formatBytes } from '../../format';
import { useInbox } from '../../stores/inbox-store';
import { replayAsCaptured } from '../replay/replay-actions';

const ROW_HEIGHT = 52;

/** The live list of captured requests, virtualized so 100k rows scroll like 10. */
export function InboxList() {
  const items = useInbox((s) => s.items);
  const selectedId = useInbox((s) => s.selectedId);
  const select = useInbox((s) => s.select);
  const selectRelative = useInbox((s) => s.selectRelative);
  const loadMore = useInbox((s) => s.loadMore);
  const nextCursor = useInbox((s) => s.nextCursor);
  const receiverUrl = useInbox((s) => s.info?.receiverUrl);
  const filtered = useInbox((s) => isFiltered(s.view));
  const loading = useInbox((s) => s.loading);
  const checked = useInbox((s) => s.checked);
  const toggleChecked = useInbox((s) => s.toggleChecked);
  const parentRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems[virtualItems.length - 1];

  useEffect(() => {
    if (last && last.index >= items.length - 20 && nextCursor) void loadMore();
  }, [last, items.length, nextCursor, loadMore]);

  if (items.length === 0 && filtered) {
    return (
      <div className="inbox-empty" data-testid="inbox-no-match">
        {loading ? 'Searching…' : 'No captured request matches these filters.'}
      </div>
    );
  }
  if (items.length === 0) {
    return (
      <div className="inbox-empty" data-testid="inbox-empty">
        <h2>Waiting for webhooks</h2>
        <p>Point a provider, or curl, at the receiver:</p>
        <pre>{`curl -X POST ${receiverUrl ?? 'http://127.0.0.1:8989'}/hello \\\n  -H 'Content-Type: application/json' \\\n  -d '{"event":"ping"}'`}</pre>
        <p>Requests show up here the moment they arrive.</p>
      </div>
    );
  }

  return (
    <div
      ref={parentRef}
      className="inbox-list"
      data-testid="inbox-list"
      tabIndex={0}
      role="listbox"
      aria-label="Captured requests"
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown' || e.key === 'j') {
          e.preventDefault();
          selectRelative(1);
        } else if (e.key === 'ArrowUp' || e.key === 'k') {
          e.preventDefault();
          selectRelative(-1);
        } else if ((e.key === 'r' || e.key === 'R') && !e.metaKey && !e.ctrlKey) {
          const { detail } = useInbox.getState();
          if (detail) void replayAsCaptured(detail);
        }
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((row) => {
          const r = items[row.index]!;
          return (
            <div
              key={r.id}
              role="option"
              aria-selected={r.id === selectedId}
              data-testid="request-row"
              data-request-id={r.id}
              className={`request-row${r.id === selectedId ? ' selected' : ''}${checked.has(r.id) ? ' checked' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              onClick={(e) => {
                // Ctrl/Cmd-click ticks for bulk actions, Shift-click ticks a range; a plain click opens.
                if (e.metaKey || e.ctrlKey || e.shiftKey) toggleChecked(r.id, e.shiftKey);
                else void select(r.id);
              }}
            >
              <div className="row-line">
                <input
                  type="checkbox"
                  className="row-check"
                  data-testid="row-check"
                  aria-label={`Select request ${r.id}`}
                  checked={checked.has(r.id)}
                  onClick={(e) => e.stopPropagation()}
                  onChange={(e) => toggleChecked(r.id, (e.nativeEvent as MouseEvent).shiftKey)}
                />
                <span className={`method method-${r.method.toLowerCase()}`}>{r.method}</span>
                <span className="row-path" title={r.path + (r.query ? `?${r.query}` : '')}>
                  {r.path}
                  {r.query && <span className="row-query">?{r.query}</span>}
                </span>
              </div>
              <div className="row-line row-meta">
                <span className={`status status-${String(r.status)[0]}xx`}>{r.status}</span>
                {r.event && <span className="event-tag">{r.event}</span>}
                {r.verification && (
                  <span className={`sig-badge sig-${r.verification}`} data-testid="sig-badge" title={`Signature ${r.verification} at capture`}>
                    {r.verification === 'valid' ? '✓ signed' : r.verification === 'invalid' ? '✗ bad signature' : 'unsigned'}
                  </span>
                )}
                {r.drift && (
                  <span className="drift-badge" data-testid="drift-badge" title={`Departs from its event's schema:\n${r.drift.map(driftLine).join('\n')}`}>
                    drift {r.drift.length}
                  </span>
                )}
                {r.viaTunnel && (
                  <span className="via-tunnel" data-testid="via-tunnel" title={`Came through the public tunnel${r.clientAddress ? ` from ${r.clientAddress}` : ''}`}>
                    tunnel
                  </span>
                )}
                <span>{formatBytes(r.size)}</span>
                {r.truncated && <span className="warn">truncated</span>}
                <span className="row-time" title={r.receivedAt}>
                  {clockTime(r.receivedAt)}
                </span>
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
