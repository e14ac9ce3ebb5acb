import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INBOX_KEY, DesktopPrefsStore } from '../../../src/main/desktop/desktop-prefs';
import { UnreadCounter, windowTitle } from '../../../src/main/desktop/unread-counter';
import { tempDir } from '../../helpers/temp-dir';

describe('DesktopPrefsStore (desktop-preferences.json in userData)', () => {
  it('is all opt-in at first, and keeps each choice across restarts', () => {
    const dir = tempDir();
    const prefs = new DesktopPrefsStore(dir);
    expect(prefs.get()).toEqual({ keepInTray: false, notifyDeliveryFailures: false, endpoints: {} });
    expect(prefs.notifyFor('stripe')).toEqual({ captures: false, failures: false });

    const seen: boolean[] = [];
    prefs.onChange((p) => seen.push(p.keepInTray));
    prefs.setNotify('stripe', 'captures', true);
    prefs.setNotify(DEFAULT_INBOX_KEY, 'failures', true);
    prefs.setKeepInTray(true);
    prefs.setNotifyDeliveryFailures(true);
    expect(seen).toEqual([false, false, true, true]);

    const reopened = new DesktopPrefsStore(dir);
    expect(reopened.notifyFor('stripe')).toEqual({ captures: true, failures: false });
    expect(reopened.notifyFor(DEFAULT_INBOX_KEY)).toEqual({ captures: false, failures: true });
    expect(reopened.get()).toMatchObject({ keepInTray: true, notifyDeliveryFailures: true });
    reopened.setNotify('stripe', 'captures', false);
    expect(new DesktopPrefsStore(dir).notifyFor('stripe')).toEqual({ captures: false, failures: false });
  });

  it('opens with defaults from a broken file, and fills what an older file lacks', () => {
    const dir = tempDir();
    const file = path.join(dir, 'desktop-preferences.json');
    fs.writeFileSync(file, '{"keepInTray": tru');
    expect(new DesktopPrefsStore(dir).get().keepInTray).toBe(false);
    fs.writeFileSync(file, '{"keepInTray": true, "endpoints": {"github": {"captures": true}}}');
    const prefs = new DesktopPrefsStore(dir);
    expect(prefs.get()).toEqual({ keepInTray: true, notifyDeliveryFailures: false, endpoints: { github: { captures: true, failures: false } } });
  });
});

describe('UnreadCounter', () => {
  it('counts captures only while the window is not focused, and clears on focus', () => {
    const changes: number[] = [];
    const unread = new UnreadCounter((n) => changes.push(n));
    unread.captured();
    expect(unread.value).toBe(0);
    unread.blur();
    unread.captured();
    unread.captured(2);
    expect(unread.value).toBe(3);
    expect(windowTitle(unread.value)).toBe('Hookbench (3)');
    unread.focus();
    expect(unread.value).toBe(0);
    expect(windowTitle(unread.value)).toBe('Hookbench');
    unread.focus();
    expect(changes).toEqual([1, 3, 0]);
  });

  it('starts counting at once when the app starts hidden', () => {
    const unread = new UnreadCounter(() => undefined, false);
    unread.captured();
    expect(unread.value).toBe(1);
  });
});
