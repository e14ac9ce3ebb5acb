import path from 'node:path';
import type { HandlerDetails, WebPreferences } from 'electron';
import { SECURITY_HEADERS } from '../transport/security-headers';

/**
 * The desktop window's security rules as plain functions (the Electron glue in main-window.ts
 * and app-protocol.ts only wires them), so each is tested with real inputs without Electron.
 */

/** What every window of ours must have; main-window.ts writes them literally (electronegativity reads them there). */
export const REQUIRED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  disableBlinkFeatures: 'Auxclick',
} as const satisfies WebPreferences;

/** The preferences that break a rule (empty: safe). A missing key counts: defaults have changed between Electron versions. */
export function webPreferenceProblems(prefs: WebPreferences): string[] {
  const problems: string[] = [];
  for (const [key, wanted] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
    const actual = (prefs as Record<string, unknown>)[key];
    if (actual !== wanted) problems.push(`${key} must be ${String(wanted)} (is ${actual === undefined ? 'not set' : String(actual)})`);
  }
  return problems;
}

/** Our UI's pages: the app:// scheme, or the dev server's origin while developing. */
export function isTrustedUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'app:' && parsed.host === 'hookbench') return true;
  return devServerUrl !== undefined && parsed.origin !== 'null' && parsed.origin === new URL(devServerUrl).origin;
}

/**
 * window.open and target=_blank: never a new Electron window. A web link (http/https) opens in the
 * person's browser; anything else (file:, javascript:, custom schemes) does nothing.
 */
export function decideWindowOpen(details: Pick<HandlerDetails, 'url'>, openExternal: (url: string) => void): { action: 'deny' } {
  if (isWebLink(details.url)) openExternal(details.url);
  return { action: 'deny' };
}

/** A navigation away from our UI is cancelled (a link the page did not route, a redirect). */
export function shouldBlockNavigation(url: string, devServerUrl?: string): boolean {
  return !isTrustedUrl(url, devServerUrl);
}

/** The UI asks for no permission (camera, notifications, geolocation…): every request is refused. */
export function denyPermission(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

export type RendererFile = { file: string } | { status: 403 | 404 };

/**
 * The file an app://hookbench/… request reads from the renderer bundle. Paths are decoded and
 * normalised, then must stay inside the bundle (`..`, encoded `%2e%2e`, absolute paths → 403).
 * Unknown paths get index.html, so the page's own routes reload.
 */
export function rendererFileFor(rendererDir: string, requestUrl: string, exists: (file: string) => boolean): RendererFile {
  const url = new URL(requestUrl);
  if (url.protocol !== 'app:' || url.host !== 'hookbench') return { status: 404 };
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return { status: 404 };
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(path.join(root, relative));
  if (!file.startsWith(root + path.sep) || relative.includes('\0')) return { status: 403 };
  return { file: exists(file) ? file : path.join(root, 'index.html') };
}

/** The CSP and the other security headers on every app:// response, over whatever the file had. */
export function withSecurityHeaders(headers: Headers): Headers {
  const result = new Headers(headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) result.set(name, value);
  return result;
}
