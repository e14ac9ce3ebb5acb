import { describe, expect, it } from 'vitest';
import { fuzzyScore } from '../../src/renderer/src/shell/fuzzy';
import { displayShortcut, isPlainKey, normaliseShortcut, pressToShortcut, type KeyPress } from '../../src/renderer/src/shell/shortcut-keys';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({ key, code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...more });

describe('shortcut keys', () => {
  it('brings key presses and written shortcuts to one form', () => {
    expect(pressToShortcut(press('k', { ctrlKey: true }))).toBe(normaliseShortcut('Mod+k'));
    expect(pressToShortcut(press('k', { metaKey: true }))).toBe('Mod+k');
    // Ctrl+Shift+K reports 'K': still Mod+k.
    expect(pressToShortcut(press('K', { ctrlKey: true, shiftKey: true }))).toBe('Mod+k');
    // `?` is Shift+/ on most layouts: the printed character carries the Shift.
    expect(pressToShortcut(press('?', { shiftKey: true, code: 'Slash' }))).toBe('?');
    expect(pressToShortcut(press('Home'))).toBe('Home');
    expect(pressToShortcut(press('End', { shiftKey: true }))).toBe('Shift+End');
    // Option+1 on macOS types '¡': the physical key decides.
    expect(pressToShortcut(press('¡', { altKey: true, code: 'Digit1' }))).toBe(normaliseShortcut('Alt+1'));
    expect(normaliseShortcut('alt+MOD+K')).toBe('Mod+Alt+k');
    expect(pressToShortcut(press('r'))).not.toBe(normaliseShortcut('Mod+r'));
  });

  it('tells single keys (ignored while typing) from chords', () => {
    expect(isPlainKey('/')).toBe(true);
    expect(isPlainKey('Home')).toBe(true);
    expect(isPlainKey('Mod+k')).toBe(false);
    expect(isPlainKey('Alt+2')).toBe(false);
  });

  it('shows shortcuts as the platform names them', () => {
    expect(displayShortcut('Mod+k', false)).toEqual(['Ctrl', 'K']);
    expect(displayShortcut('Mod+k', true)).toEqual(['⌘', 'K']);
    expect(displayShortcut('Alt+1', true)).toEqual(['⌥', '1']);
    expect(displayShortcut('?', false)).toEqual(['?']);
  });
});

describe('fuzzy match of the palette', () => {
  it('matches characters in order and ranks word starts first', () => {
    expect(fuzzyScore('swsend', 'View: Switch to Sender')).not.toBeNull();
    expect(fuzzyScore('xyz', 'View: Switch to Sender')).toBeNull();
    expect(fuzzyScore('', 'anything')).toBe(0);
    const sender = fuzzyScore('sender', 'Switch to Sender')!;
    const scattered = fuzzyScore('sender', 'Show sent headers in order')!;
    expect(sender).toBeGreaterThan(scattered);
    // Ties go to the shorter text.
    expect(fuzzyScore('tunnel', 'Start tunnel')!).toBeGreaterThan(fuzzyScore('tunnel', 'Start tunnel with another server')!);
  });
});
