import { detectEvent } from '../../shared/events/detect-event';
import { Api } from './api';
import { DEFAULT_RECEIVER_OPTIONS, Receiver, type ReceiverOptions } from './receiver/receiver';
import { Store } from './store/store';
import { VERSION } from './version';

export interface CoreOptions {
  dataDir: string;
  receiverHost: string;
  receiverPort: number;
  mode: 'desktop' | 'headless';
  nativeBinding?: string;
  receiver?: Partial<Omit<ReceiverOptions, 'host' | 'port'>>;
}

/**
 * The whole engine, with no transport and no Electron: store + receiver + API. Both the desktop
 * app and the headless server start exactly this and put their transport in front of `api`.
 */
export class Core {
  private constructor(
    readonly store: Store,
    readonly receiver: Receiver,
    readonly api: Api,
  ) {}

  static async start(options: CoreOptions): Promise<Core> {
    const store = Store.open({ dataDir: options.dataDir, nativeBinding: options.nativeBinding });
    let receiverUrl = '';
    const api = new Api(store, () => ({ version: VERSION, receiverUrl, publicUrl: null, mode: options.mode }));
    const receiver = new Receiver(
      { ...DEFAULT_RECEIVER_OPTIONS, ...options.receiver, host: options.receiverHost, port: options.receiverPort },
      async (request) => {
        // The event name is derived once, here, from the exact bytes, so filters never re-parse bodies.
        const summary = await store.requests.insert({ ...request, event: detectEvent(request) });
        api.push.emit({ event: 'request.captured', payload: summary });
        return summary;
      },
    );
    try {
      receiverUrl = await receiver.listen();
    } catch (error) {
      store.close();
      throw error;
    }
    return new Core(store, receiver, api);
  }

  get receiverUrl(): string {
    return this.receiver.url;
  }

  /** Stops the receiver (letting in-flight captures commit), then closes the database. */
  async close(): Promise<void> {
    await this.receiver.close();
    this.store.close();
  }
}
