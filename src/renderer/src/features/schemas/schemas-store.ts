import { createStore, type StoreApi } from 'zustand';
import type { MethodOutput } from '../../../../shared/contract';
import type { SchemaDetail, SchemaSettings, SchemaSummary } from '../../../../shared/contracts/schema-api';
import type { RequestFilterInput } from '../../../../shared/request-filter';
import type { HookbenchClient } from '../../api/client';
import { actionRunner } from '../../stores/store-action';
import { storeContext } from '../../stores/store-context';

/** One schema: an event on one endpoint (null = the default inbox). */
export interface SchemaRef {
  event: string;
  endpoint: string | null;
}

export type GeneratedCode = MethodOutput<'generateTypes'>;

/** Which endpoint's schemas are listed: every one, or one (null = the default inbox). */
export type EndpointScope = { all: true } | { all: false; endpoint: string | null };

export interface SchemasState {
  /** The Schemas view is on screen: pushes refresh it only then (they come with every capture). */
  visible: boolean;
  items: SchemaSummary[];
  scope: EndpointScope;
  selected: SchemaRef | null;
  detail: SchemaDetail | null;
  /** Schemas ticked for type generation (several events: one union). */
  checked: SchemaRef[];
  generated: GeneratedCode | null;
  settings: SchemaSettings | null;
  busy: boolean;
  error: string | null;
  /** Follows captures and drift flags (acted on while the view is visible); returns the unsubscribe. */
  connect(): () => void;
  /** The view is on screen: loads the list and the settings; returns the call for when it goes. */
  show(): () => void;
  refresh(): Promise<void>;
  setScope(scope: EndpointScope): void;
  select(ref: SchemaRef | null): Promise<void>;
  toggleChecked(ref: SchemaRef): void;
  /** Types for the ticked schemas, or the selected one when none are ticked. */
  generate(language: GeneratedCode['language']): Promise<void>;
  closeGenerated(): void;
  /** Learns the selected schema again from the captures a filter selects (none: all of them). */
  rebuild(filter?: RequestFilterInput): Promise<void>;
  /** Pins a JSON Schema to the selected event; null unpins. Resolves whether it worked. */
  pin(jsonSchema: Record<string, unknown> | null): Promise<boolean>;
  saveSettings(settings: SchemaSettings): Promise<void>;
}

/** Captures come in bursts: the list is read again once the burst has passed, not per capture. */
const REFRESH_DEBOUNCE_MS = 400;

export const sameRef = (a: SchemaRef | null, b: SchemaRef | null) => a !== null && b !== null && a.event === b.event && a.endpoint === b.endpoint;

export const inScope = (scope: EndpointScope, item: SchemaRef) => scope.all || item.endpoint === scope.endpoint;

/** The Schemas view's state: the learned schemas, the selected one in full, generated types and the drift threshold. */
export function createSchemasStore(client: HookbenchClient): StoreApi<SchemasState> {
  return createStore<SchemasState>()((set, get) => {
    /** Runs an action that reports its failure in the view; `busy` disables the buttons meanwhile. */
    const run = actionRunner<SchemasState>(set, 'busy');
    const loadDetail = async (ref: SchemaRef) => {
      const detail = await client.call('getSchema', ref);
      if (sameRef(get().selected, ref)) set({ detail });
    };
    const loadList = async () => set({ items: (await client.call('listSchemas', {})).items });
    /** An action answered with the schema as it is now: show it, and the list's counts with it. */
    const applied = async (detail: SchemaDetail) => {
      if (sameRef(get().selected, detail)) set({ detail });
      await loadList();
    };

    return {
      visible: false,
      items: [],
      scope: { all: true },
      selected: null,
      detail: null,
      checked: [],
      generated: null,
      settings: null,
      busy: false,
      error: null,

      connect() {
        let timer: ReturnType<typeof setTimeout> | null = null;
        const soon = () => {
          if (timer || !get().visible) return;
          timer = setTimeout(() => {
            timer = null;
            void get().refresh();
          }, REFRESH_DEBOUNCE_MS);
        };
        const offEvent = client.onEvent((event) => {
          // New samples change counts and last seen; a drift flag (or its acceptance) the drifted count.
          if (event.event === 'request.captured' || event.event === 'request.drift') soon();
        });
        // Pushes missed while the channel was down: read the list again.
        const offConnection = client.onConnection((state) => state === 'online' && soon());
        return () => {
          offEvent();
          offConnection();
          if (timer) clearTimeout(timer);
        };
      },

      show() {
        set({ visible: true });
        void get().refresh();
        void run(async () => set({ settings: await client.call('getSchemaSettings', {}) }));
        return () => set({ visible: false });
      },

      async refresh() {
        // Not through `run`: a refresh in the background should neither disable the buttons nor
        // clear what the last action reported.
        try {
          await loadList();
          const { selected } = get();
          if (selected) await loadDetail(selected);
        } catch (e) {
          set({ error: (e as Error).message });
        }
      },

      setScope(scope) {
        const { selected, checked } = get();
        set({ scope, checked: checked.filter((ref) => inScope(scope, ref)) });
        if (selected && !inScope(scope, selected)) void get().select(null);
      },

      async select(ref) {
        set({ selected: ref, detail: null });
        if (ref) await run(() => loadDetail(ref));
      },

      toggleChecked(ref) {
        const { checked } = get();
        set({ checked: checked.some((c) => sameRef(c, ref)) ? checked.filter((c) => !sameRef(c, ref)) : [...checked, ref] });
      },

      async generate(language) {
        const { checked, selected } = get();
        const refs = checked.length > 0 ? checked : selected ? [selected] : [];
        await run(async () => {
          if (refs.length === 0) throw new Error('Tick the events to generate types for');
          const endpoint = refs[0]!.endpoint;
          // One union is discriminated on the event field of one endpoint's captures.
          if (refs.some((r) => r.endpoint !== endpoint)) throw new Error('Types are generated for events of one endpoint at a time');
          set({ generated: await client.call('generateTypes', { events: refs.map((r) => r.event), endpoint, language }) });
        });
      },

      closeGenerated: () => set({ generated: null }),

      async rebuild(filter) {
        const { selected } = get();
        if (selected) await run(async () => applied(await client.call('rebuildSchema', { ...selected, filter })));
      },

      async pin(jsonSchema) {
        const { selected } = get();
        if (!selected) return false;
        return run(async () => applied(await client.call('pinSchema', { ...selected, jsonSchema })));
      },

      async saveSettings(settings) {
        await run(async () => set({ settings: await client.call('putSchemaSettings', settings) }));
      },
    };
  });
}

export const SchemasStore = storeContext<SchemasState>('SchemasStore');

