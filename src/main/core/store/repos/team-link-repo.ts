import { z } from 'zod';
import { Slug, secretHint } from '../../../../shared/endpoint-schemas';
import type { TeamLinkSettings } from '../../../../shared/team-link-schemas';
import type { SecretSealer } from '../../secrets/secret-box';
import type { SettingsRepo } from './settings-repo';

/**
 * The team-server link's settings, kept under one settings key. The token is sealed by the same
 * SecretSealer as endpoint secrets (OS keychain on the desktop, key file headless) before it is
 * written, so the database alone never holds it in clear; the hint is what the API shows.
 */

const KEY = 'teamLink';

const Stored = z.object({
  url: z.string(),
  forwardTo: z.string(),
  endpoint: Slug.nullable(),
  enabled: z.boolean(),
  /** Absent in settings saved before browsing existed. */
  browse: z.boolean().default(false),
  sealedToken: z.base64(),
  tokenHint: z.string(),
});

export class TeamLinkRepo {
  constructor(
    private readonly settings: SettingsRepo,
    private readonly sealer: SecretSealer,
  ) {}

  get(): TeamLinkSettings | null {
    const stored = this.stored();
    if (!stored) return null;
    const { sealedToken: _sealed, ...settings } = stored;
    return settings;
  }

  /** `token` null keeps the sealed one (there must be one). */
  save(settings: Omit<TeamLinkSettings, 'tokenHint'>, token: string | null): void {
    const previous = this.stored();
    const sealed = token !== null ? { sealedToken: this.sealer.seal(token).toString('base64'), tokenHint: secretHint(token) } : previous && { sealedToken: previous.sealedToken, tokenHint: previous.tokenHint };
    if (!sealed) throw new Error('a team link needs a token');
    this.settings.set(KEY, { ...settings, ...sealed });
  }

  setEnabled(enabled: boolean): void {
    const stored = this.stored();
    if (stored) this.settings.set(KEY, { ...stored, enabled });
  }

  /** The token in clear, to talk to the team server only: never returned by the API or logged. Throws when it cannot be opened here. */
  revealToken(): string | null {
    const stored = this.stored();
    return stored ? this.sealer.open(Buffer.from(stored.sealedToken, 'base64')) : null;
  }

  delete(): void {
    this.settings.delete(KEY);
  }

  private stored(): z.infer<typeof Stored> | null {
    return this.settings.get(KEY, Stored.nullable(), null);
  }
}
