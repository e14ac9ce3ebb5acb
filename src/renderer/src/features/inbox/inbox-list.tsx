import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { clockTime, driftLine, formatBytes, statusClass, statusText } from '../../format';
import { InboxStore } from '../../stores/inbox-store';
import { InboxEmpty } from './inbox-empty';
import { useInboxCommands } from './use-inbox-commands';
import './inbox.css';

const ROW_HEIGHT = 52;

/** The live list of captured requests, virtualized so 100k rows scroll like 10. */
export function InboxList() {
  const items = InboxStore.use((s) => s.items);
  const selectedId = InboxStore.use((s) => s.selectedId);
  const select = InboxStore.use((s) => s.select);
  const selectRelative = InboxStore.use((s) => s.selectRelative);
  const loadMore = InboxStore.use((s) => s.loadMore);
  const nextCursor = InboxStore.use((s) => s.nextCursor);
  const checked = InboxStore.use((s) => s.checked);
  const toggleChecked = InboxStore.use((s) => s.toggleChecked);
  useInboxCommands();
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

  if (items.length === 0) return <InboxEmpty />;

  return (
    <div
      ref={parentRef}
      className="inbox-list"
      data-testid="inbox-list"
      tabIndex={0}
      role="listbox"
      aria-label="Captured requests"
      onKeyDown={(e) => {
        // Arrows here (a focused list); j/k, Home/End and R are commands (use-inbox-commands, replay).
        if (e.key === 'ArrowDown' || e.key === 'j') {
          e.preventDefault();
          selectRelative(1);
        } else if (e.key === 'ArrowUp' || e.key === 'k') {
          e.preventDefault();
          selectRelative(-1);
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
                <span className="row-time" data-testid="row-time" title={r.receivedAt}>
                  {clockTime(r.receivedAt)}
                </span>
              </div>
              <div className="row-line row-meta">
                <span className={statusClass(r.status)} data-testid="row-status">
                  {statusText(r)}
                </span>
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
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
