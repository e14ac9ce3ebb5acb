import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal panel over the app (the palette, the shortcut list): Escape or a click outside closes
 * it, and the focus goes back where it was, so the keyboard user continues where they left off.
 * `onClose` must be stable (useCallback): a new one re-runs the focus handling.
 */
export function Overlay({ label, testId, onClose, children }: { label: string; testId: string; onClose: () => void; children: ReactNode }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const own = panel.current;
    if (!own?.contains(document.activeElement)) own?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // Unless the command run from here moved the focus on purpose (e.g. to the search field).
      const now = document.activeElement;
      if (now === null || now === document.body || own?.contains(now)) before?.focus();
    };
  }, [onClose]);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="overlay-panel" role="dialog" aria-modal="true" aria-label={label} data-testid={testId} ref={panel} tabIndex={-1}>
        {children}
      </div>
    </div>
  );
}
