import { ThemeStore, type ThemePreference } from '../stores/theme-store';

/** System (follows the OS, live), light or dark; remembered for this origin. */
export function ThemePicker() {
  const preference = ThemeStore.use((s) => s.preference);
  const setPreference = ThemeStore.use((s) => s.setPreference);
  return (
    <select
      className="small-select"
      data-testid="theme-select"
      aria-label="Theme"
      title="Theme: Auto follows the system’s light or dark setting"
      value={preference}
      onChange={(e) => setPreference(e.target.value as ThemePreference)}
    >
      <option value="system">◐ Auto</option>
      <option value="light">☀ Light</option>
      <option value="dark">☾ Dark</option>
    </select>
  );
}
