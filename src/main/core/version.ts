/** Replaced at build time by electron-vite (`define`); falls back for tests run from source. */
declare const __HOOKBENCH_VERSION__: string | undefined;

export const VERSION: string = typeof __HOOKBENCH_VERSION__ === 'string' ? __HOOKBENCH_VERSION__ : '0.0.0-dev';
