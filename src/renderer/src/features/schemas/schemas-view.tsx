import { useEffect } from 'react';
import { SchemaList } from './schema-list';
import { SchemaPane } from './schema-pane';
import { SchemasStore } from './schemas-store';

/**
 * The JSON Schemas learned from captured bodies: the list of (endpoint, event) schemas beside the
 * selected one's fields and actions. `onOpenRequest` shows a capture in the inbox (the app owns
 * which view is on screen).
 */
export function SchemasView({ onOpenRequest }: { onOpenRequest(id: number): void }) {
  const show = SchemasStore.use((s) => s.show);
  useEffect(() => show(), [show]);
  return (
    <main className="split schemas-view" data-testid="schemas-view">
      <SchemaList />
      <section className="detail-pane">
        <SchemaPane onOpenRequest={onOpenRequest} />
      </section>
    </main>
  );
}
