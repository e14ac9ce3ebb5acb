import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/main/core/paths';

describe('defaultDataDir (shared with Electron userData)', () => {
  it('follows each platform convention for an app named Hookbench', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x/config' }, 'linux')).toBe('/x/config/Hookbench');
    expect(defaultDataDir({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32')).toMatch(/Roaming[\\/]Hookbench$/);
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Hookbench$/);
  });

  it('honours HOOKBENCH_DATA_DIR', () => {
    expect(defaultDataDir({ HOOKBENCH_DATA_DIR: '/data/hb' }, 'linux')).toBe('/data/hb');
  });
});
