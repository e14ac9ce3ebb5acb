import { useMemo } from 'react';
import { useCommands, type Command } from '../../stores/command-store';
import { useCan } from '../../stores/use-can';

/**
 * The sidebar's commands: a new endpoint (focuses the new-endpoint form), and for the endpoint the
 * inbox shows, its settings and copying its URL (the public one when a tunnel is up).
 */
export function useEndpointCommands({ focusNew, selected, openSettings, url }: { focusNew(): void; selected: string | undefined; openSettings(slug: string): void; url: string | null }): void {
  const canEdit = useCan('putEndpoint');
  const commands = useMemo<Command[]>(
    () => [
      { id: 'endpoints.new', title: 'New endpoint…', group: 'Endpoints', enabled: canEdit, run: focusNew },
      { id: 'endpoints.settings', title: `Endpoint settings${selected ? `: ${selected}` : ''}`, group: 'Endpoints', enabled: canEdit && selected !== undefined, run: () => selected && openSettings(selected) },
      { id: 'endpoints.copy-url', title: `Copy endpoint URL${selected ? `: ${selected}` : ''}`, group: 'Endpoints', enabled: url !== null, run: () => void (url && navigator.clipboard.writeText(url)) },
    ],
    [canEdit, focusNew, selected, openSettings, url],
  );
  useCommands(commands);
}
