import { useMemo, useState, type KeyboardEvent } from 'react';
import { CommandStore, type Command } from '../stores/command-store';
import { fuzzyScore } from './fuzzy';
import { KbdKeys } from './kbd-keys';
import { Overlay } from './overlay';

/** Enabled commands matching `query`, best first; all of them, by group, for an empty query. */
function matching(commands: Iterable<Command>, query: string): Command[] {
  const scored: Array<{ command: Command; score: number }> = [];
  for (const command of commands) {
    if (command.enabled === false) continue;
    const score = fuzzyScore(query, `${command.group}: ${command.title}`);
    if (score !== null) scored.push({ command, score: Math.max(score, fuzzyScore(query, command.title) ?? -Infinity) });
  }
  if (query.trim() === '') scored.sort((a, b) => a.command.group.localeCompare(b.command.group) || a.command.title.localeCompare(b.command.title));
  else scored.sort((a, b) => b.score - a.score);
  return scored.map((s) => s.command);
}

/** Ctrl/Cmd+K: every enabled command, fuzzy-filtered; arrows move, Enter runs, Escape closes. */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const commands = CommandStore.use((s) => s.commands);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useMemo(() => matching(commands.values(), query), [commands, query]);
  const current = Math.min(active, Math.max(0, list.length - 1));

  const run = (command: Command | undefined) => {
    if (!command) return;
    // Closed first: the command may open something else (Settings, a dialog) that wants the focus.
    onClose();
    void command.run();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 8, PageUp: -8 };
    if (event.key in moves) {
      event.preventDefault();
      setActive(Math.min(list.length - 1, Math.max(0, current + moves[event.key]!)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(list[current]);
    }
  };

  return (
    <Overlay label="Command palette" testId="command-palette" onClose={onClose}>
      <input
        className="palette-input"
        data-testid="palette-input"
        autoFocus
        placeholder="Type a command…"
        aria-label="Command"
        aria-controls="palette-list"
        aria-activedescendant={list[current] ? `palette-${list[current].id}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="palette-list" id="palette-list" role="listbox" data-testid="palette-list">
        {list.map((command, index) => (
          <li
            key={command.id}
            id={`palette-${command.id}`}
            role="option"
            aria-selected={index === current}
            className={`palette-item${index === current ? ' palette-active' : ''}`}
            data-testid="palette-item"
            data-command={command.id}
            data-shortcut={command.shortcut}
            ref={index === current ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
            onMouseMove={() => index !== current && setActive(index)}
            onClick={() => run(command)}
          >
            <span className="palette-group">{command.group}</span>
            <span className="palette-title">{command.title}</span>
            {command.shortcut && <KbdKeys shortcut={command.shortcut} />}
          </li>
        ))}
        {list.length === 0 && <li className="palette-empty muted">No command matches “{query}”.</li>}
      </ul>
    </Overlay>
  );
}
