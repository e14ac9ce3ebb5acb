/**
 * Deletes every match of a filter in chunks, with a pause between them so captures keep flowing
 * during a large clear; returns the ids deleted. `nextChunk` always reads from the start of the
 * filter (oldest first): what was deleted is gone, so no cursor is needed.
 */
export async function deleteInChunks(nextChunk: () => Promise<number[]>, remove: (ids: number[]) => Promise<number[]>): Promise<number[]> {
  const deleted: number[] = [];
  for (;;) {
    const ids = await nextChunk();
    if (ids.length === 0) return deleted;
    deleted.push(...(await remove(ids)));
    await new Promise((resolve) => setImmediate(resolve));
  }
}
