import os from 'node:os';
import path from 'node:path';

/** The product name; also Electron's app name, so `userData` and this folder are the same. */
export const APP_NAME = 'Hookbench';

/**
 * The per-user data folder both modes share: Electron's `app.getPath('userData')` for an app named
 * Hookbench. `HOOKBENCH_DATA_DIR` overrides it (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.HOOKBENCH_DATA_DIR) return env.HOOKBENCH_DATA_DIR;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_NAME);
}
