import { z } from 'zod';
import type { SettingsRepository, TeamLinkRepository } from './repositories';
import { Slug, secretHint } from '../../../shared/endpoint-schemas';
import type { TeamLinkSettings } from '../../../shared/team-link-schemas';
import type { SecretSealer } from '../secrets/secret-box';

/**
 * The team-server link's settings, kept under one settings key, so one implementation serves every
 * adapter (it needs only a SettingsRepository). The token is sealed by the same SecretSealer as
 * endpoint secrets (OS keychain on the desktop, key file headless) before it is written, so the
 * database alone never holds it in clear; the hint is what the API shows.
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

export class TeamLinkRepo implements TeamLinkRepository {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly sealer: SecretSealer,
  ) {}

  async get(): Promise<TeamLinkSettings | null> {
    const stored = await this.stored();
    if (!stored) return null;
    const { sealedToken: _sealed, ...settings } = stored;
    return settings;
  }

  /** `token` null keeps the sealed one (there must be one). */
  async save(settings: Omit<TeamLinkSettings, 'tokenHint'>, token: string | null): Promise<void> {
    const previous = await this.stored();
    const sealed =
      token !== null
        ? { sealedToken: this.sealer.seal(token).toString('base64'), tokenHint: secretHint(token) }
        : previous && { sealedToken: previous.sealedToken, tokenHint: previous.tokenHint };
    if (!sealed) throw new Error('a team link needs a token');
    await this.settings.set(KEY, { ...settings, ...sealed });
  }

  async setEnabled(enabled: boolean): Promise<void> {
    const stored = await this.stored();
    if (stored) await this.settings.set(KEY, { ...stored, enabled });
  }

  /** The token in clear, to talk to the team server only: never returned by the API or logged. Throws when it cannot be opened here. */
  async revealToken(): Promise<string | null> {
    const stored = await this.stored();
    return stored ? this.sealer.open(Buffer.from(stored.sealedToken, 'base64')) : null;
  }

  async delete(): Promise<void> {
    await this.settings.delete(KEY);
  }

  private async stored(): Promise<z.infer<typeof Stored> | null> {
    return this.settings.get(KEY, Stored.nullable(), null);
  }
}
