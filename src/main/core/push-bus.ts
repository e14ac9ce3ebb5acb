import type { PushEvent } from '../../shared/contract';

type Listener = (event: PushEvent) => void;

/** Fan-out of push events from the core to every transport that has subscribed. */
export class PushBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: PushEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken subscriber (a closed window, a dead socket) must not stop the others.
        process.stderr.write(`hookbench: push listener failed: ${(error as Error).message}\n`);
      }
    }
  }
}
