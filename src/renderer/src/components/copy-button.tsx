import { useEffect, useRef, useState } from 'react';
import './copy-button.css';

/**
 * Copies `text`; says "Copied" (or shows a tick) for a moment so the user knows it worked. `text`
 * may be a function, called on click, when building it is costly (a cURL command of a 2 MB body).
 * `icon`: a small square button for tables and rows, labelled for screen readers by `label`.
 */
export function CopyButton({ text, label = 'Copy', icon = false, testId }: { text: string | (() => string); label?: string; icon?: boolean; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  return (
    <button
      type="button"
      className={icon ? `icon-button${copied ? ' copied' : ''}` : 'copy-button'}
      data-testid={testId}
      aria-label={icon ? label : undefined}
      title={icon ? label : undefined}
      onClick={() => {
        void navigator.clipboard.writeText(typeof text === 'function' ? text() : text).then(() => {
          setCopied(true);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => setCopied(false), 1200);
        });
      }}
    >
      {icon ? <CopyIcon done={copied} /> : copied ? 'Copied' : label}
    </button>
  );
}

/** Two overlapping sheets (a tick once copied), drawn: font glyphs for these are missing on many systems. */
function CopyIcon({ done }: { done: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
      {done ? (
        <path d="M3 8.5l3.2 3L13 4.5" />
      ) : (
        <>
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h1" />
        </>
      )}
    </svg>
  );
}
