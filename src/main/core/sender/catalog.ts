import { randomBytes } from 'node:crypto';
import { PROVIDER_LABELS, type ProviderCatalog, type ProviderPreset } from '../../../shared/sender-schemas';
import { buildEnvelope } from './envelope';
import { GENERIC_CATALOG, type OpenPreset } from './generic-catalog';
import type { CatalogEntry, EventDef } from './sample-helpers';
import { SEED_CATALOG } from './seed-catalog';

/**
 * Each provider's events with realistic sample data (PROVIDERS.md): ids shaped like theirs, ISO or
 * Unix timestamps as that provider uses them, and nullable fields as `null`, never `""`.
 * Samples are built fresh on every call so two test events never share ids.
 *
 * Every catalog event belongs to exactly one preset. An event is a preset's when its catalog lists
 * it, or, for the open presets (Standard Webhooks, GitHub-like, Stripe-like, Custom), when no
 * catalog lists it (a name of your own). A target only ever gets its own preset's events, `*` or not.
 */

const CATALOG: Record<ProviderPreset, CatalogEntry> = { ...SEED_CATALOG, ...GENERIC_CATALOG };
const PRESETS = Object.keys(CATALOG) as ProviderPreset[];
const OPEN_PRESETS: ReadonlySet<ProviderPreset> = new Set<OpenPreset>(Object.keys(GENERIC_CATALOG) as OpenPreset[]);

/** Which preset's catalog lists each event name (names are unique across catalogs). */
const OWNERS = new Map<string, { provider: ProviderPreset; def: EventDef }>(PRESETS.flatMap((provider) => CATALOG[provider].events.map((def) => [def.name, { provider, def }] as const)));

/** Whether `event` is one of `provider`'s events (see above); a target never gets any other. */
export function providerHasEvent(provider: ProviderPreset, event: string): boolean {
  const owner = OWNERS.get(event);
  return owner ? owner.provider === provider : OPEN_PRESETS.has(provider);
}

/** Why `provider` cannot be sent `event` (it is another preset's, or not in a closed catalog), or null. */
export function eventRefusal(provider: ProviderPreset, event: string): string | null {
  if (providerHasEvent(provider, event)) return null;
  const owner = OWNERS.get(event);
  const theirs = owner ? ` (it is ${PROVIDER_LABELS[owner.provider]}'s)` : '';
  return `${PROVIDER_LABELS[provider]} has no event "${event}"${theirs}; its events: ${CATALOG[provider].events.map((e) => e.name).join(', ')}`;
}

/** Every provider's events with a fresh sample and the envelope it would be sent in. */
export function eventCatalog(now = new Date()): ProviderCatalog[] {
  return PRESETS.map((provider) => {
    const entry = CATALOG[provider];
    return {
      provider,
      label: PROVIDER_LABELS[provider],
      notes: entry.notes,
      events: entry.events.map((e) => {
        const sample = e.sample(now);
        return { name: e.name, description: e.description, sample, envelope: buildEnvelope(provider, e.name, sample, { eventId: newEventId(), now }) };
      }),
    };
  });
}

/** A fresh sample for a catalog event, or null for a name no catalog lists. */
export function sampleFor(event: string, now = new Date()): Record<string, unknown> | null {
  return OWNERS.get(event)?.def.sample(now) ?? null;
}

export function providerLabel(provider: ProviderPreset): string {
  return PROVIDER_LABELS[provider];
}

/** The first event a provider knows, for "Send Test Event" with no event named. */
export function defaultTestEvent(provider: ProviderPreset): string {
  return CATALOG[provider].events[0]!.name;
}

export function newEventId(): string {
  return `evt_${randomBytes(12).toString('hex')}`;
}
