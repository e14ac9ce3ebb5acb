import { describe, expect, it } from 'vitest';
import { DESKTOP_COMMANDS, type DesktopCommand } from '../../src/main/desktop/desktop-commands';
import { pushDesktopCommand } from '../../src/main/desktop/command-push';
import { isTrustedUrl } from '../../src/main/desktop/hardening';
import { createIpcClient } from '../../src/renderer/src/api/ipc-client';
import { createCommandStore } from '../../src/renderer/src/stores/command-store';
import { buildBridge } from '../../src/shared/bridge';
import { InMemoryIpc } from '../helpers/in-memory-ipc';

/**
 * The desktop menu names renderer commands by id; the renderer's command store runs them exactly
 * as the palette would. Real bridge, real IPC client, real store; only Electron's pipe is in memory.
 */
describe('desktop.command from the application menu', () => {
  it('runs the registered command with that id, and nothing for an unknown or disabled one', () => {
    const ipc = new InMemoryIpc();
    const store = createCommandStore(createIpcClient(buildBridge(ipc.renderer)));
    const stop = store.getState().connect();
    const ran: string[] = [];
    const unregister = store.getState().register([
      { id: DESKTOP_COMMANDS.palette, title: 'Command palette', group: 'App', run: () => void ran.push('palette') },
      { id: DESKTOP_COMMANDS.tunnelStart, title: 'Start tunnel', group: 'Tunnel', enabled: false, run: () => void ran.push('tunnel') },
    ]);
    const push = (command: string) => pushDesktopCommand(ipc.window, command as DesktopCommand, (url) => isTrustedUrl(url));
    expect(push(DESKTOP_COMMANDS.palette)).toBe(true);
    expect(push(DESKTOP_COMMANDS.tunnelStart)).toBe(true);
    expect(push('no.such.command')).toBe(true);
    expect(ran).toEqual(['palette']);
    unregister();
    push(DESKTOP_COMMANDS.palette);
    expect(ran).toEqual(['palette']);
    stop();
  });

  it('uses ids the renderer registers (every menu command has a renderer command of that name)', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name)) sources.push(fs.readFileSync(file, 'utf8'));
      }
    };
    walk(path.resolve('src/renderer/src'));
    const text = sources.join('\n');
    // Ids are literal, or built as `view.${view}` over the view names.
    for (const id of Object.values(DESKTOP_COMMANDS)) {
      const literal = text.includes(`'${id}'`);
      const built = id.startsWith('view.') && text.includes('`view.${view}`') && text.includes(`'${id.slice('view.'.length)}'`);
      expect(literal || built, id).toBe(true);
    }
  });
});
