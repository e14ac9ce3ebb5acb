import { randomBytes } from 'node:crypto';

/** One event of a provider's catalog: its name, what it means, and a fresh sample of its data. */
export interface EventDef {
  name: string;
  description: string;
  sample: (now: Date) => Record<string, unknown>;
}

/** A provider's catalog: its events and the notes the UI shows (headers, and how its doc was read). */
export interface CatalogEntry {
  notes: string;
  events: EventDef[];
}

export const hex = (bytes: number) => randomBytes(bytes).toString('hex');
/** A random integer in [min, max), for numeric ids shaped like a provider's. */
export const int = (min: number, max: number) => min + (randomBytes(4).readUInt32BE() % (max - min));
export const iso = (now: Date, minusSec = 0) => new Date(now.getTime() - minusSec * 1000).toISOString();
export const unix = (now: Date) => Math.floor(now.getTime() / 1000);

/**
 * How each doc's retries and 410 were read, shared by the notes of presets whose doc is silent
 * (the per-preset rule itself lives in preset-policy.ts).
 */
export const DEFAULT_ATTEMPTS_NOTE =
  'Attempts: the doc gives no retry schedule, so the target\'s own applies (default FeedBackPro\'s 15 s, 2 min, 10 min, 1 h, 6 h: 1 + 5 retries = 6 attempts).';
export const goneDisablesNote = (silence = 'the doc does not say') => `410 Gone: ${silence}; Hookbench follows the Standard Webhooks guidance and switches the target off.`;
export const OPEN_PRESET_NOTE =
  'Open preset: "*" takes this catalog\'s events and any event name in no catalog (your own); another preset\'s catalog events never go to it.';
