import type { Theme } from '../stores/theme-store';

/**
 * The Monaco theme for the app's resolved theme (ThemeStore's `resolved`): editors pass
 * `theme={monacoTheme(resolved)}`. Both are defined in ./setup.ts on Monaco's own light and dark
 * themes, with the editor background of the app's --code-bg, so a body reads as part of the page.
 * Kept apart from setup.ts so that naming a theme does not load Monaco.
 */
export function monacoTheme(theme: Theme): 'hookbench-light' | 'hookbench-dark' {
  return theme === 'light' ? 'hookbench-light' : 'hookbench-dark';
}
