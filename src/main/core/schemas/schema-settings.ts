import { SchemaSettings } from '../../../shared/contracts/schema-api';
import type { SettingsRepository } from '../store/repositories';

const KEY = 'schemas';

/** Twenty samples: enough for optional fields and small enums to show before drift is judged. */
export const DEFAULT_SCHEMA_SETTINGS: SchemaSettings = { minSamples: 20 };

/** Read from the store each time: on a shared database another instance may have changed them. */
export function readSchemaSettings(settings: SettingsRepository): Promise<SchemaSettings> {
  return settings.get(KEY, SchemaSettings, DEFAULT_SCHEMA_SETTINGS);
}

export async function writeSchemaSettings(settings: SettingsRepository, value: SchemaSettings): Promise<SchemaSettings> {
  await settings.set(KEY, value);
  return value;
}
