/**
 * Shortcuts as written in commands ('r', '/', '?', 'Home', 'Mod+k', 'Alt+1') and as typed
 * (KeyboardEvent), brought to one form so they can be compared. `Mod` is Ctrl, or Cmd on macOS.
 */

/** What the browser tells about a key press, narrowed to what matching needs. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The canonical form of a key press: 'Mod+k', 'Alt+1', '?', 'Home', 'Shift+Home'. */
export function pressToShortcut(press: KeyPress): string {
  const mods: string[] = [];
  if (press.ctrlKey || press.metaKey) mods.push('Mod');
  if (press.altKey) mods.push('Alt');
  let key = press.key;
  // With Alt (Option on macOS) the key is often a special character: use the physical key.
  if (press.altKey && /^Digit\d$/.test(press.code)) key = press.code.slice(5);
  else if (press.altKey && /^Key[A-Z]$/.test(press.code)) key = press.code.slice(3);
  // A printed character already carries Shift ('?', 'R'); only named keys say it separately.
  if (press.shiftKey && key.length > 1) mods.push('Shift');
  if (mods.length > 0 && key.length === 1) key = key.toLowerCase();
  return [...mods, key].join('+');
}

/** The canonical form of a shortcut as a command writes it (modifier names in any case and order). */
export function normaliseShortcut(shortcut: string): string {
  const parts = shortcut.split('+');
  let key = parts.pop() ?? '';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  const ordered = [mods.has('mod') && 'Mod', mods.has('alt') && 'Alt', mods.has('shift') && key.length > 1 && 'Shift'].filter(Boolean) as string[];
  if (ordered.length > 0 && key.length === 1) key = key.toLowerCase();
  return [...ordered, key].join('+');
}

/** A single printed key (no Ctrl/Cmd/Alt) types text, so it must not fire while the person types. */
export function isPlainKey(shortcut: string): boolean {
  return !/^(Mod|Alt)\+/.test(normaliseShortcut(shortcut));
}

/** For display: 'Mod+k' becomes 'Ctrl+K' (or '⌘K' on macOS). */
export function displayShortcut(shortcut: string, mac: boolean): string[] {
  const parts = normaliseShortcut(shortcut).split('+');
  const key = parts.pop() ?? '';
  const names: Record<string, string> = mac ? { Mod: '⌘', Alt: '⌥', Shift: '⇧' } : { Mod: 'Ctrl', Alt: 'Alt', Shift: 'Shift' };
  return [...parts.map((p) => names[p] ?? p), key.length === 1 ? key.toUpperCase() : key];
}
