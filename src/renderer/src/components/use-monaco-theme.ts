import { monacoTheme } from '../monaco/theme-name';
import { ThemeStore } from '../stores/theme-store';

/** The Monaco theme that matches the app's light or dark theme (Monaco cannot read CSS variables). */
export function useMonacoTheme(): ReturnType<typeof monacoTheme> {
  return monacoTheme(ThemeStore.use((s) => s.resolved));
}
