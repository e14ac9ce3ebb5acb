import { ApiError } from '../../../shared/errors';
import type { PutTeamLinkInput, TeamLinkStatus, TeamLinkView } from '../../../shared/team-link-schemas';
import { cursorFilePath } from '../listen/cursor-file';
import { Listener } from '../listen/listener';
import type { TeamLinkRepository } from '../store/repositories';
import type { TeamLinkSettings } from '../../../shared/team-link-schemas';
import { checkTeamToken } from './check-team-token';
import { LinkStatus } from './link-status';

export interface TeamLinkOptions {
  repo: TeamLinkRepository;
  /** The settings stored when the app started (read by the composition root). */
  initial: TeamLinkSettings | null;
  /** Where the listener keeps its cursors: its own folder, so a `hookbench listen` with the same flags never shares one. */
  stateDir: string;
  onStatus(status: TeamLinkStatus): void;
  /** Injectable for tests; default: ask the team server's getInfo. */
  checkToken?: (url: string, token: string) => Promise<unknown>;
}

/** A stop waits for the capture in flight; a hung local app must not hold a settings change or a shutdown for long. */
const STOP_WAIT_MS = 5_000;

/**
 * The local core's link to a team server: `hookbench listen` inside the app. When on, it runs the
 * same Listener as the CLI (catch-up from a cursor file, oldest first, then live; a local app
 * that is down is retried with backoff), and it starts again with the app if it was on.
 */
export class TeamLink {
  private listener: Listener | null = null;
  private readonly status: LinkStatus;

  constructor(private readonly options: TeamLinkOptions) {
    this.status = new LinkStatus(options.initial?.url ?? null, options.onStatus);
  }

  async view(): Promise<TeamLinkView> {
    return { settings: await this.options.repo.get(), status: this.status.status };
  }

  /** Starts the link at app start when it was on. */
  async resume(): Promise<void> {
    if (this.options.initial?.enabled) await this.run();
  }

  /** Checks the token against the team server (when on), saves, then (re)starts or stops. */
  async put(input: PutTeamLinkInput): Promise<TeamLinkView> {
    // Only the origin: the API's routes are absolute, and a pasted UI URL carries its token in the query.
    const url = new URL(input.url).origin;
    const stored = await this.options.repo.get();
    if (input.token === undefined && stored === null) throw new ApiError('invalid_input', 'give the token of the team server (a named token: hookbench token create NAME --role member)');
    let token = input.token ?? null;
    const browse = input.browse ?? stored?.browse ?? false;
    if (input.enabled || browse) {
      token ??= await this.storedToken();
      await (this.options.checkToken ?? checkTeamToken)(url, token);
    }
    await this.halt();
    await this.options.repo.save({ url, forwardTo: new URL(input.forwardTo).href, endpoint: input.endpoint ?? null, enabled: input.enabled, browse }, input.token ?? null);
    if (input.enabled) await this.run();
    else this.status.reset(url, 'off');
    return this.view();
  }

  /** Stops forwarding and forgets the settings (the token with them). */
  async remove(): Promise<TeamLinkView> {
    await this.halt();
    await this.options.repo.delete();
    this.status.reset(null, 'off');
    return this.view();
  }

  /** The team server this app's UI browses, or null: when browsing is off, or its stored token cannot be opened here. */
  async browseTarget(): Promise<{ url: string; token: string } | null> {
    const settings = await this.options.repo.get();
    if (!settings?.browse) return null;
    try {
      return { url: settings.url, token: await this.storedToken() };
    } catch {
      return null;
    }
  }

  /** On shutdown: stop without forgetting that the link was on. */
  async close(): Promise<void> {
    await this.halt();
  }

  private async storedToken(): Promise<string> {
    try {
      const token = await this.options.repo.revealToken();
      if (token !== null) return token;
    } catch {
      // Sealed by the desktop app's keychain and opened headless, or a changed key file.
    }
    throw new ApiError('invalid_input', 'the stored team token cannot be used here; enter it again');
  }

  private async run(): Promise<void> {
    const settings = (await this.options.repo.get())!;
    let token: string;
    try {
      token = await this.storedToken();
    } catch (error) {
      return this.status.reset(settings.url, 'error', (error as Error).message);
    }
    this.status.reset(settings.url, 'connecting');
    const listener: Listener = new Listener({
      serverUrl: settings.url,
      token,
      forwardTo: settings.forwardTo,
      endpoint: settings.endpoint,
      from: 'missed',
      stateFile: cursorFilePath(this.options.stateDir, settings.url, settings.endpoint, settings.forwardTo),
      // Only this run's listener may speak: a stopped one's late events would mix into the next run's status.
      onEvent: (event) => this.listener === listener && this.status.event(event),
      onCaughtUp: () => this.listener === listener && this.status.caughtUp(),
    });
    this.listener = listener;
    listener.start().catch((error: unknown) => {
      // A damaged cursor file: guessing where to resume could skip captures, so say so and stop.
      if (this.listener !== listener) return;
      this.status.event({ type: 'fatal', time: new Date().toISOString(), message: (error as Error).message });
      void listener.stop();
    });
  }

  private async halt(): Promise<void> {
    const listener = this.listener;
    this.listener = null;
    if (!listener) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([listener.stop(), new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
    clearTimeout(timer);
  }
}
