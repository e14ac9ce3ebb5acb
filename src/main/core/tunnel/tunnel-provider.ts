/**
 * What a tunnel provider does: open a public URL that forwards to one local port, and report when
 * it breaks. localtunnel is the one built now (localtunnel-provider.ts); ngrok, cloudflared or a
 * self-hosted relay would be other implementations of the same two methods.
 */
export interface TunnelProvider {
  readonly name: string;
  /** Resolves once traffic can flow; rejects with a message fit for the UI. */
  connect(options: ConnectOptions): Promise<TunnelConnection>;
}

export interface ConnectOptions {
  host: string;
  /** The public name to ask for; null lets the provider choose. */
  subdomain: string | null;
  localPort: number;
}

export interface TunnelConnection {
  /** The public URL the server granted. */
  readonly url: string;
  /** The subdomain actually granted (may differ from the one asked for when it was taken). */
  readonly subdomain: string | null;
  /** Called once when the tunnel stops carrying traffic (server gone, connection lost). */
  onDown(listener: (reason: string) => void): void;
  close(): void;
}
