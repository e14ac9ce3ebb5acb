import { useEffect } from 'react';
import { createStore, type StoreApi } from 'zustand';
import type { HookbenchClient } from '../api/client';
import { storeContext } from './store-context';

/**
 * Every action a person can take by keyboard or from the command palette (Ctrl/Cmd+K). Features
 * register their commands while they are mounted (`useCommands`); the app shell owns the palette,
 * the `?` shortcut list and the one global key handler that runs a command by its shortcut. A
 * feature never imports another to trigger it: it registers a command, the shell finds it.
 */
export interface Command {
  /** Unique, stable: 'inbox.replay', 'view.sender', 'tunnel.start'. */
  id: string;
  title: string;
  /** Shown in the palette to group commands: 'Inbox', 'Request', 'View', 'Tunnel', … */
  group: string;
  /**
   * Key as KeyboardEvent.key with modifiers, e.g. 'r', '/', '?', 'Home', 'Mod+k' (Mod = Ctrl, or
   * Cmd on macOS). Single keys never fire while typing in an input, textarea, select or editor.
   */
  shortcut?: string;
  /** False hides it from the palette and ignores its shortcut (no selection, no permission). */
  enabled?: boolean;
  run(): void | Promise<void>;
}

export interface CommandState {
  commands: ReadonlyMap<string, Command>;
  register(commands: readonly Command[]): () => void;
  /** Runs a registered, enabled command; false when there is none by that id (or it is disabled). */
  run(id: string): boolean;
  /**
   * Follows `desktop.command` pushes: the desktop app's menu items and accelerators name a
   * command by id, and it runs here exactly as from the palette. Returns the unsubscribe.
   */
  connect(): () => void;
}

export function createCommandStore(client: HookbenchClient): StoreApi<CommandState> {
  return createStore<CommandState>()((set, get) => ({
    commands: new Map(),
    run(id) {
      const command = get().commands.get(id);
      if (!command || command.enabled === false) return false;
      void command.run();
      return true;
    },
    connect() {
      return client.onEvent((event) => {
        if (event.event === 'desktop.command') get().run(event.payload.command);
      });
    },
    register(commands) {
      const next = new Map(get().commands);
      for (const command of commands) next.set(command.id, command);
      set({ commands: next });
      return () => {
        const left = new Map(get().commands);
        // Only remove what is still ours: a remount may have registered a newer one meanwhile.
        for (const command of commands) if (left.get(command.id) === command) left.delete(command.id);
        set({ commands: left });
      };
    },
  }));
}

export const CommandStore = storeContext<CommandState>('CommandStore');

/**
 * Registers `commands` while the calling component is mounted. Pass a memoised array (useMemo):
 * a new array re-registers.
 */
export function useCommands(commands: readonly Command[]): void {
  const store = CommandStore.useApi();
  useEffect(() => store.getState().register(commands), [store, commands]);
}
