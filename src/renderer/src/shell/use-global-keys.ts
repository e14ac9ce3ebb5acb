import { useEffect } from 'react';
import { CommandStore } from '../stores/command-store';
import { isPlainKey, normaliseShortcut, pressToShortcut } from './shortcut-keys';

/** Where a key press is typing: form fields, editable text and the Monaco editors. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (target instanceof HTMLElement && target.isContentEditable) || target.closest('.monaco-editor') !== null;
}

/**
 * The one global key handler: a key press runs the enabled command whose shortcut it is. Chords
 * (Ctrl/Cmd or Alt) are the app's and are looked at first, in the capture phase, so they work even
 * with the focus in Monaco (which claims Ctrl+K for chords of its own). Single keys come last: a
 * key a focused element already handled (default prevented) is left alone, and single keys never
 * fire while the person is typing.
 */
export function useGlobalKeys(): void {
  const store = CommandStore.useApi();
  useEffect(() => {
    const dispatch = (event: KeyboardEvent, chords: boolean) => {
      if (event.defaultPrevented || event.isComposing) return;
      const pressed = pressToShortcut(event);
      const typing = isTyping(event.target);
      for (const command of store.getState().commands.values()) {
        if (!command.shortcut || command.enabled === false || normaliseShortcut(command.shortcut) !== pressed) continue;
        const plain = isPlainKey(command.shortcut);
        if (plain === chords || (typing && plain)) continue;
        event.preventDefault();
        event.stopPropagation();
        void command.run();
        return;
      }
    };
    const onChord = (event: KeyboardEvent) => dispatch(event, true);
    const onKey = (event: KeyboardEvent) => dispatch(event, false);
    window.addEventListener('keydown', onChord, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onChord, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [store]);
}
