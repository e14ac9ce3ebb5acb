import { displayShortcut } from './shortcut-keys';

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A shortcut as keycaps: Ctrl + K (⌘ K on macOS). */
export function KbdKeys({ shortcut }: { shortcut: string }) {
  return (
    <span className="kbd-keys">
      {displayShortcut(shortcut, MAC).map((key) => (
        <kbd key={key}>{key}</kbd>
      ))}
    </span>
  );
}
