import { describe, expect, it } from 'vitest';
import { registerIpc } from '../../src/main/transport/ipc';
import { createIpcClient } from '../../src/renderer/src/api/ipc-client';
import { createSchemasStore } from '../../src/renderer/src/features/schemas/schemas-store';
import { createInboxStore } from '../../src/renderer/src/stores/inbox-store';
import { buildBridge } from '../../src/shared/bridge';
import { startTestHeadless } from '../helpers/core';
import { request } from '../helpers/http';
import { InMemoryIpc } from '../helpers/in-memory-ipc';

/**
 * The Schemas store and the inbox's drift flags against a real core (over the in-memory IPC pipe):
 * the list follows captures while the view is shown, a flagged capture's row and open detail get
 * their differences by push, and accepting them clears both and the schema's drifted count.
 */
describe('schemas store: live drift', () => {
  it('follows captures and drift flags, and accepting clears them', async () => {
    const server = await startTestHeadless();
    const ipc = new InMemoryIpc();
    const unregister = registerIpc(server.core.api, { ipcMain: ipc.main, targets: () => [ipc.window], isTrustedUrl: (url) => url.startsWith('app://hookbench/') });
    const client = createIpcClient(buildBridge(ipc.renderer));
    // Made as the composition root makes them: one client, a store per feature.
    const inbox = createInboxStore(client);
    const schemas = createSchemasStore(client);
    const disconnectInbox = inbox.getState().connect();
    const disconnectSchemas = schemas.getState().connect();
    const hide = schemas.getState().show();
    const send = async (body: unknown) => {
      const res = await request(`${server.ready.receiverUrl}/shop/orders`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
      return Number(res.headers['x-hookbench-request-id']);
    };
    try {
      await schemas.getState().saveSettings({ minSamples: 3 });
      expect(schemas.getState().settings).toEqual({ minSamples: 3 });
      for (let i = 1; i <= 3; i++) await send({ type: 'order.created', id: `ord_${i}`, amount: i });
      const flagged = await send({ type: 'order.created', id: 'ord_4', amount: 4, coupon: 'SPRING' });

      const summary = () => schemas.getState().items.find((s) => s.event === 'order.created');
      await expect.poll(() => summary()?.drifted, { timeout: 5_000 }).toBe(1);
      await schemas.getState().select({ event: 'order.created', endpoint: null });
      expect(schemas.getState().detail?.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['id', 'amount']));

      const row = () => inbox.getState().items.find((r) => r.id === flagged);
      await expect.poll(() => row()?.drift?.map((d) => d.kind)).toEqual(['new_field']);
      await inbox.getState().select(flagged);
      expect(inbox.getState().detail?.drift?.[0]?.path).toBe('coupon');

      await inbox.getState().acceptDrift(flagged);
      expect(row()?.drift).toBeNull();
      expect(inbox.getState().detail?.drift).toBeNull();
      await expect.poll(() => summary()?.drifted, { timeout: 5_000 }).toBe(0);
      await expect.poll(() => schemas.getState().detail?.fields.some((f) => f.path === 'coupon')).toBe(true);

      await schemas.getState().generate('typescript');
      expect(schemas.getState().generated?.code).toContain('coupon');

      // Pinned and unpinned; learned again from every capture of the event.
      expect(await schemas.getState().pin({ type: 'object', properties: { id: { type: 'string' } } })).toBe(true);
      expect(schemas.getState().detail?.pinned).toBe(true);
      expect(schemas.getState().items.find((s) => s.event === 'order.created')?.pinned).toBe(true);
      expect(await schemas.getState().pin(null)).toBe(true);
      expect(schemas.getState().detail?.pinned).toBe(false);
      await schemas.getState().rebuild();
      expect(schemas.getState().error).toBeNull();
      expect(schemas.getState().detail?.samples).toBe(4);
    } finally {
      hide();
      disconnectSchemas();
      disconnectInbox();
      unregister();
    }
  });
});
