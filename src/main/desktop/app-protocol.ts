import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { rendererFileFor, withSecurityHeaders } from './hardening';

/**
 * The UI is served from a private `app://hookbench/` scheme (not file://) so it has a real origin
 * for the CSP and for the IPC sender check, and workers (Monaco) load like on the web.
 * Registering the scheme must happen before 'ready'; serving it, after.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  const isFile = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  protocol.handle('app', async (request) => {
    const found = rendererFileFor(rendererDir, request.url, isFile);
    if ('status' in found) return new Response(found.status === 403 ? 'forbidden' : 'not found', { status: found.status, headers: withSecurityHeaders(new Headers()) });
    const response = await net.fetch(pathToFileURL(found.file).toString());
    return new Response(response.body, { status: response.status, headers: withSecurityHeaders(response.headers) });
  });
}
