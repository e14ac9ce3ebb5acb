import { useMemo } from 'react';
import { CommandStore, type Command } from '../stores/command-store';
import { KbdKeys } from './kbd-keys';
import { Overlay } from './overlay';

/** `?`: every enabled command that has a shortcut, grouped as in the palette. */
export function ShortcutList({ onClose }: { onClose: () => void }) {
  const commands = CommandStore.use((s) => s.commands);
  const groups = useMemo(() => {
    const byGroup = new Map<string, Command[]>();
    for (const command of commands.values()) {
      if (!command.shortcut || command.enabled === false) continue;
      byGroup.set(command.group, [...(byGroup.get(command.group) ?? []), command]);
    }
    return [...byGroup].sort(([a], [b]) => a.localeCompare(b));
  }, [commands]);

  return (
    <Overlay label="Keyboard shortcuts" testId="shortcut-list" onClose={onClose}>
      <h2 className="overlay-title">Keyboard shortcuts</h2>
      <p className="muted small">
        Single keys work when no text field has the focus. <KbdKeys shortcut="Mod+k" /> opens the command palette with every action.
      </p>
      <div className="shortcut-groups">
        {groups.map(([group, list]) => (
          <section key={group} className="shortcut-group" data-testid="shortcut-group">
            <h3>{group}</h3>
            <dl>
              {list.map((command) => (
                <div key={command.id} className="shortcut-row" data-command={command.id}>
                  <dt>{command.title}</dt>
                  <dd>
                    <KbdKeys shortcut={command.shortcut!} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Overlay>
  );
}
