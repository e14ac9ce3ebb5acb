import { useRef, useState } from 'react';
import { InboxStore } from '../../stores/inbox-store';
import { SendsStore } from './sends-store';

interface Progress {
  done: number;
  total: number;
  failed: number;
}

/**
 * Replays the ticked requests (or the whole view), oldest first, one at a time so the target sees
 * them in order; shows progress and can be cancelled between two sends.
 */
export function BulkReplay() {
  const checked = InboxStore.use((s) => s.checked);
  const idsOfView = InboxStore.use((s) => s.idsOfView);
  const replay = SendsStore.use((s) => s.replay);
  const [url, setUrl] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [open, setOpen] = useState(false);
  const cancelled = useRef(false);

  const run = async () => {
    cancelled.current = false;
    const ids = checked.size > 0 ? [...checked].sort((a, b) => a - b) : await idsOfView();
    const state = { done: 0, total: ids.length, failed: 0 };
    setProgress({ ...state });
    for (const id of ids) {
      if (cancelled.current) break;
      try {
        const result = await replay(id, { url: url || undefined });
        if (result.status === null || result.status >= 400) state.failed++;
      } catch {
        state.failed++;
      }
      state.done++;
      setProgress({ ...state });
    }
  };

  if (!open) {
    return (
      <button type="button" className="copy-button" data-testid="bulk-replay-open" onClick={() => setOpen(true)}>
        Replay…
      </button>
    );
  }
  const running = progress !== null && progress.done < progress.total && !cancelled.current;
  return (
    <div className="bulk-replay" data-testid="bulk-replay">
      <input className="inline-search" data-testid="bulk-replay-url" placeholder="URL (empty: each endpoint's forward target)" value={url} onChange={(e) => setUrl(e.target.value)} />
      {running ? (
        <button type="button" className="copy-button" data-testid="bulk-replay-cancel" onClick={() => (cancelled.current = true)}>
          Cancel
        </button>
      ) : (
        <button type="button" className="copy-button" data-testid="bulk-replay-start" onClick={() => void run()}>
          Replay {checked.size > 0 ? `${checked.size} selected` : 'this view'}
        </button>
      )}
      {progress && (
        <span className="bulk-progress" data-testid="bulk-replay-progress">
          <progress max={progress.total} value={progress.done} /> {progress.done}/{progress.total}
          {progress.failed > 0 && <span className="warn"> · {progress.failed} failed</span>}
        </span>
      )}
      <button type="button" className="link-button" onClick={() => setOpen(false)}>
        close
      </button>
    </div>
  );
}
