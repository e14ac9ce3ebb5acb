import type { ServerInfo } from '../../../shared/contract';

/** The local and (when a tunnel is up) public URL a provider should be given for an endpoint. */
export function endpointUrls(info: ServerInfo | null, slug: string): { local: string; public: string | null } {
  const local = `${info?.receiverUrl ?? ''}/${slug}`;
  return { local, public: info?.publicUrl ? `${info.publicUrl.replace(/\/$/, '')}/${slug}` : null };
}
