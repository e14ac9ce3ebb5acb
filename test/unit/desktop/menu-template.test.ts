import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INBOX_KEY, DesktopPrefsStore } from '../../../src/main/desktop/desktop-prefs';
import { buildAppMenu, isTunnelRunning, type MenuActions, type MenuInput } from '../../../src/main/desktop/menu-template';
import { TunnelState } from '../../../src/shared/tunnel-schemas';
import { buildTrayMenu } from '../../../src/main/desktop/tray-menu';
import { tempDir } from '../../helpers/temp-dir';

type Item = MenuItemConstructorOptions;
const submenu = (item: Item | undefined): Item[] => (item?.submenu ?? []) as Item[];
const all = (items: Item[]): Item[] => items.flatMap((i) => [i, ...all(submenu(i))]);
const byId = (items: Item[], id: string) => all(items).find((i) => i.id === id);
/** Clicks an item as Electron does (a checkbox is toggled before its click runs). */
function click(item: Item | undefined): void {
  if (!item?.click) throw new Error('not clickable');
  const state = { checked: item.type === 'checkbox' ? !item.checked : item.checked };
  (item.click as (i: typeof state) => void)(state);
}

function setup(overrides: Partial<MenuInput> = {}) {
  const prefs = new DesktopPrefsStore(tempDir());
  const commands: string[] = [];
  let imports = 0;
  const actions: MenuActions = {
    command: (id) => commands.push(id),
    importHar: () => imports++,
    setNotify: (key, kind, on) => prefs.setNotify(key, kind, on),
    setNotifyDeliveryFailures: (on) => prefs.setNotifyDeliveryFailures(on),
    setKeepInTray: (on) => prefs.setKeepInTray(on),
  };
  const build = (more: Partial<MenuInput> = {}) =>
    buildAppMenu({ platform: 'linux', isDev: false, endpoints: [{ slug: 'stripe', name: 'Stripe' }, { slug: 'github', name: 'github' }], prefs: prefs.get(), tunnelRunning: false, actions, ...overrides, ...more });
  return { prefs, commands, imports: () => imports, build };
}

describe('application menu', () => {
  it('has File/Edit/View/Window/Help with the usual roles on Windows and Linux', () => {
    const menu = setup().build();
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'window', 'help']);
    const roles = all(menu).map((i) => i.role).filter(Boolean);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'minimize', 'close', 'quit']) expect(roles, role).toContain(role);
    // Reload and DevTools are a way around the UI: only while developing.
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('toggleDevTools');
    expect(all(setup().build({ isDev: true })).map((i) => i.role)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('on macOS starts with the app menu (about, services, hide, quit) holding Settings', () => {
    const menu = setup({ platform: 'darwin' }).build();
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['Hookbench', 'File', 'Edit', 'View', 'window', 'help']);
    const app = submenu(menu[0]);
    expect(app.map((i) => i.role ?? i.id).filter((x) => x)).toEqual(['about', 'preferences', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(all(menu).map((i) => i.role)).toEqual(expect.arrayContaining(['zoom', 'front']));
    // One Settings item (in the app menu), not a second one under File.
    expect(all(menu).filter((i) => i.id === 'preferences')).toHaveLength(1);
  });

  it("runs the app's commands by the renderer's command ids, with their accelerators", () => {
    const { build, commands, imports } = setup();
    const menu = build();
    const expected: [string, string, string][] = [
      ['endpoint.new', 'CmdOrCtrl+N', 'endpoints.new'],
      ['palette.open', 'CmdOrCtrl+K', 'app.palette'],
      ['view.inbox', 'CmdOrCtrl+1', 'view.inbox'],
      ['view.sender', 'CmdOrCtrl+2', 'view.sender'],
      ['view.schemas', 'CmdOrCtrl+3', 'view.schemas'],
      ['preferences', 'CmdOrCtrl+,', 'app.settings'],
    ];
    for (const [id, accelerator] of expected) expect(byId(menu, id)?.accelerator, id).toBe(accelerator);
    for (const [id] of expected) click(byId(menu, id));
    expect(commands).toEqual(expected.map(([, , command]) => command));
    expect(byId(menu, 'import-har')).toMatchObject({ label: 'Import HAR…', accelerator: 'CmdOrCtrl+O' });
    click(byId(menu, 'import-har'));
    expect(imports()).toBe(1);
    // Accelerators are unique, or one of them would never fire.
    const accelerators = all(menu).map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('offers Start or Stop tunnel by its state', () => {
    const { build, commands } = setup();
    expect(byId(build(), 'tunnel')?.label).toBe('Start tunnel');
    click(byId(build(), 'tunnel'));
    expect(byId(build({ tunnelRunning: true }), 'tunnel')?.label).toBe('Stop tunnel');
    click(byId(build({ tunnelRunning: true }), 'tunnel'));
    expect(commands).toEqual(['tunnel.start', 'tunnel.stop']);
    // Up or trying to be: Stop. Offline, or failed after its last retry: Start.
    expect(Object.fromEntries(TunnelState.options.map((state) => [state, isTunnelRunning(state)]))).toEqual({
      offline: false, connecting: true, online: true, reconnecting: true, ...(TunnelState.options.includes('failed' as never) ? { failed: false } : {}),
    });
  });

  it('has a Notifications submenu with checkboxes per endpoint that set and show the preferences', () => {
    const { build, prefs } = setup();
    const notifications = submenu(byId(build(), 'notifications'));
    expect(notifications.filter((i) => i.submenu).map((i) => i.label)).toEqual(['Default inbox', '/stripe (Stripe)', '/github']);
    expect(byId(build(), 'notify:stripe:captures')).toMatchObject({ type: 'checkbox', checked: false, label: 'New requests' });

    click(byId(build(), 'notify:stripe:captures'));
    click(byId(build(), `notify:${DEFAULT_INBOX_KEY}:failures`));
    click(byId(build(), 'notify:deliveries'));
    expect(prefs.notifyFor('stripe')).toEqual({ captures: true, failures: false });
    expect(prefs.notifyFor(DEFAULT_INBOX_KEY)).toEqual({ captures: false, failures: true });
    expect(prefs.get().notifyDeliveryFailures).toBe(true);
    // The rebuilt menu (after the change) shows the checks.
    const rebuilt = setupWith(prefs);
    expect(byId(rebuilt, 'notify:stripe:captures')?.checked).toBe(true);
    expect(byId(rebuilt, 'notify:github:captures')?.checked).toBe(false);
    expect(byId(rebuilt, 'notify:deliveries')?.checked).toBe(true);

    // A new endpoint appears on the next build (endpoints.changed rebuilds the menu).
    const more = buildAppMenu({ platform: 'linux', isDev: false, endpoints: [{ slug: 'shopify', name: 'Shop' }], prefs: prefs.get(), tunnelRunning: false, actions: noActions });
    expect(submenu(byId(more, 'notifications')).filter((i) => i.submenu).map((i) => i.label)).toEqual(['Default inbox', '/shopify (Shop)']);
  });

  it('has the "keep running in the tray" checkbox, stored in the desktop preferences', () => {
    const { build, prefs } = setup();
    const item = byId(build(), 'keep-in-tray');
    expect(item).toMatchObject({ type: 'checkbox', checked: false, label: 'Keep running in the tray when the window is closed' });
    click(item);
    expect(prefs.get().keepInTray).toBe(true);
    expect(byId(setupWith(prefs), 'keep-in-tray')?.checked).toBe(true);
  });
});

const noActions: MenuActions = { command: () => undefined, importHar: () => undefined, setNotify: () => undefined, setNotifyDeliveryFailures: () => undefined, setKeepInTray: () => undefined };
function setupWith(prefs: DesktopPrefsStore): Item[] {
  return buildAppMenu({ platform: 'linux', isDev: false, endpoints: [{ slug: 'stripe', name: 'Stripe' }, { slug: 'github', name: 'github' }], prefs: prefs.get(), tunnelRunning: false, actions: noActions });
}

describe('tray menu', () => {
  it('shows the window, the unread count, the tunnel switch and Quit', () => {
    const done: string[] = [];
    const actions = { show: () => done.push('show'), startTunnel: () => done.push('start'), stopTunnel: () => done.push('stop'), quit: () => done.push('quit') };
    const menu = buildTrayMenu({ unread: 0, tunnelRunning: false, actions });
    expect(menu.filter((i) => i.label).map((i) => i.label)).toEqual(['Show Hookbench', 'No unread requests', 'Start tunnel', 'Quit Hookbench']);
    expect(byId(menu, 'unread')?.enabled).toBe(false);
    expect(byId(buildTrayMenu({ unread: 1, tunnelRunning: false, actions }), 'unread')?.label).toBe('1 unread request');
    const busy = buildTrayMenu({ unread: 500, tunnelRunning: true, actions });
    expect(byId(busy, 'unread')?.label).toBe('500 unread requests');
    for (const id of ['show', 'tunnel', 'quit']) click(byId(busy, id));
    click(byId(menu, 'tunnel'));
    expect(done).toEqual(['show', 'stop', 'quit', 'start']);
  });
});
