import { describe, expect, it } from 'vitest';
import { registerIpc } from '../../src/main/transport/ipc';
import { createIpcClient } from '../../src/renderer/src/api/ipc-client';
import { useSchemas } from '../../src/renderer/src/features/schemas/schemas-store';
import { useInbox } from '../../src/renderer/src/stores/inbox-store';
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
    const disconnectInbox = useInbox.getState().connect(client);
    const disconnectSchemas = useSchemas.getState().connect(client);
    const hide = useSchemas.getState().show();
    const send = async (body: unknown) => {
      const res = await request(`${server.ready.receiverUrl}/shop/orders`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
      return Number(res.headers['x-hookbench-request-id']);
    };
    try {
      await useSchemas.getState().saveSettings({ minSamples: 3 });
      expect(useSchemas.getState().settings).toEqual({ minSamples: 3 });
      for (let i = 1; i <= 3; i++) await send({ type: 'order.created', id: `ord_${i}`, amount: i });
      const flagged = await send({ type: 'order.created', id: 'ord_4', amount: 4, coupon: 'SPRING' });

      const summary = () => useSchemas.getState().items.find((s) => s.event === 'order.created');
      await expect.poll(() => summary()?.drifted, { timeout: 5_000 }).toBe(1);
      await useSchemas.getState().select({ event: 'order.created', endpoint: null });
      expect(useSchemas.getState().detail?.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['id', 'amount']));

      const row = () => useInbox.getState().items.find((r) => r.id === flagged);
      await expect.poll(() => row()?.drift?.map((d) => d.kind)).toEqual(['new_field']);
      await useInbox.getState().select(flagged);
      expect(useInbox.getState().detail?.drift?.[0]?.path).toBe('coupon');

      await useInbox.getState().acceptDrift(flagged);
      expect(row()?.drift).toBeNull();
      expect(useInbox.getState().detail?.drift).toBeNull();
      await expect.poll(() => summary()?.drifted, { timeout: 5_000 }).toBe(0);
      await expect.poll(() => useSchemas.getState().detail?.fields.some((f) => f.path === 'coupon')).toBe(true);

      await useSchemas.getState().generate('typescript');
      expect(useSchemas.getState().generated?.code).toContain('coupon');

      // Pinned and unpinned; learned again from every capture of the event.
      expect(await useSchemas.getState().pin({ type: 'object', properties: { id: { type: 'string' } } })).toBe(true);
      expect(useSchemas.getState().detail?.pinned).toBe(true);
      expect(useSchemas.getState().items.find((s) => s.event === 'order.created')?.pinned).toBe(true);
      expect(await useSchemas.getState().pin(null)).toBe(true);
      expect(useSchemas.getState().detail?.pinned).toBe(false);
      await useSchemas.getState().rebuild();
      expect(useSchemas.getState().error).toBeNull();
      expect(useSchemas.getState().detail?.samples).toBe(4);
    } finally {
      hide();
      disconnectSchemas();
      disconnectInbox();
      unregister();
    }
  });
});
