import { createStore, type StoreApi } from 'zustand';
import { storeContext } from './store-context';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

/**
 * Light or dark: the OS's choice (prefers-color-scheme, followed live) unless the person picked
 * one, which is kept in localStorage for this origin. The resolved theme is set as
 * `data-theme` on <html>, which the CSS variables in styles.css key on; Monaco reads `resolved`.
 */
export interface ThemeState {
  preference: ThemePreference;
  resolved: Theme;
  setPreference(preference: ThemePreference): void;
  /** Follows the OS and applies the theme to the document; returns the unsubscribe. */
  connect(): () => void;
}

const KEY = 'hookbench.theme';

export function createThemeStore(): StoreApi<ThemeState> {
  const media = typeof window === 'undefined' ? null : window.matchMedia('(prefers-color-scheme: dark)');
  const system = (): Theme => (media && !media.matches ? 'light' : 'dark');
  const stored = (): ThemePreference => {
    const value = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  };
  const resolve = (preference: ThemePreference): Theme => (preference === 'system' ? system() : preference);
  const apply = (theme: Theme) => {
    if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
  };
  return createStore<ThemeState>()((set, get) => ({
    preference: stored(),
    resolved: resolve(stored()),
    setPreference(preference) {
      if (preference === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, preference);
      set({ preference, resolved: resolve(preference) });
      apply(get().resolved);
    },
    connect() {
      apply(get().resolved);
      if (!media) return () => {};
      const onChange = () => {
        set({ resolved: resolve(get().preference) });
        apply(get().resolved);
      };
      media.addEventListener('change', onChange);
      return () => media.removeEventListener('change', onChange);
    },
  }));
}

export const ThemeStore = storeContext<ThemeState>('ThemeStore');
