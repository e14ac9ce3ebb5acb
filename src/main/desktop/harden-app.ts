import { app, session, shell } from 'electron';
import { decideWindowOpen, denyPermission, shouldBlockNavigation } from './hardening';

/** Applies hardening.ts's rules to every web contents, present and future, and to the session. */
export function hardenApp(devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler((details) => decideWindowOpen(details, (url) => void shell.openExternal(url)));
    const guard = (event: { preventDefault(): void }, url: string) => {
      if (shouldBlockNavigation(url, devServerUrl)) event.preventDefault();
    };
    contents.on('will-navigate', guard);
    contents.on('will-redirect', guard);
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** After 'ready': the default session grants nothing. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler(denyPermission);
  session.defaultSession.setPermissionCheckHandler(() => false);
}
