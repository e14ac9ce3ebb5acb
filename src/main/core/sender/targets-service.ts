import { randomBytes } from 'node:crypto';
import { DEFAULT_TIMEOUT_SEC, RETRY_PRESETS, WHSEC_PREFIX, type PutTargetInput, type SavedTarget, type SsrfPolicy, type Target } from '../../../shared/sender-schemas';
import { ApiError } from '../../../shared/errors';
import type { PushBus } from '../push-bus';
import { signRequest } from '../signatures';
import type { TargetsRepository } from '../store/repositories';
import { PROVIDER_SCHEMES } from './provider-headers';
import type { Sender } from './sender';
import { schemeBlocked } from './ssrf';

export const DEFAULT_TARGET_CONCURRENCY = 16;

/** A secret the scheme cannot sign with (a Standard Webhooks secret that is not whsec_ + base64, …) is refused when saved. */
function checkSecret(fields: { scheme: Target['scheme']; customScheme: Target['customScheme']; url: string }, secret: string): void {
  if (fields.scheme === 'userback') return;
  try {
    signRequest({ scheme: fields.scheme, secret, body: Buffer.from('{}'), url: fields.url, custom: fields.customScheme ?? undefined });
  } catch (error) {
    throw new ApiError('invalid_input', `this secret cannot be used with the ${fields.scheme} scheme: ${(error as Error).message}`);
  }
}

/**
 * Creating and changing targets: fills defaults (FeedbackPulse's route takes just url, events and
 * secret), keeps the secret sealed, and tells the sender and the UI. (A target the sender switches
 * off itself, on a 410, is announced by the sender.)
 */
export class TargetsService {
  constructor(
    private readonly repo: TargetsRepository,
    private readonly sender: Sender,
    private readonly push: PushBus,
    /** For new targets: off on the desktop (reaching localhost is the point), configurable headless. */
    private readonly defaultSsrf: SsrfPolicy,
  ) {}

  list(): Promise<Target[]> {
    return this.repo.list();
  }

  async get(id: number): Promise<Target> {
    const target = await this.repo.get(id);
    if (!target) throw new ApiError('not_found', `target ${id} does not exist`);
    return target;
  }

  /**
   * With an id: update it. Without: update the target that has this URL, else create one. A
   * Feedspace target left without a secret (none given, none stored) gets a generated whsec_
   * one, returned in this answer only: Feedspace always signs.
   */
  async put(input: PutTargetInput): Promise<SavedTarget> {
    if (input.id !== undefined) await this.get(input.id);
    const id = input.id ?? (await this.repo.idByUrl(input.url));
    const existing = id === null ? null : await this.repo.get(id);
    const provider = input.provider ?? existing?.provider ?? 'feedbackpulse';
    // A new provider brings its own scheme unless one is given.
    const scheme = input.scheme ?? (existing && existing.provider === provider ? existing.scheme : PROVIDER_SCHEMES[provider]);
    const customScheme = input.customScheme !== undefined ? input.customScheme : (existing?.customScheme ?? null);
    if (scheme === 'custom' && !customScheme) throw new ApiError('invalid_input', 'the custom scheme needs customScheme (algorithm, encoding, header, template)');
    const schedule = input.retrySchedule ?? existing?.retrySchedule ?? RETRY_PRESETS.feedbackpro;
    const fields = {
      url: input.url,
      events: [...new Set(input.events.map((e) => e.trim()).filter(Boolean))],
      provider,
      scheme,
      customScheme,
      format: input.format ?? existing?.format ?? 'auto',
      retrySchedule: typeof schedule === 'string' ? [...RETRY_PRESETS[schedule]] : [...schedule],
      timeoutSec: input.timeoutSec ?? existing?.timeoutSec ?? DEFAULT_TIMEOUT_SEC,
      ssrf: input.ssrf ?? existing?.ssrf ?? this.defaultSsrf,
      concurrency: input.concurrency ?? existing?.concurrency ?? DEFAULT_TARGET_CONCURRENCY,
      active: input.active ?? existing?.active ?? true,
      paused: input.paused ?? existing?.paused ?? false,
    };
    if (fields.events.length === 0) throw new ApiError('invalid_input', 'subscribe to at least one event (or "*" for all)');
    const insecure = fields.ssrf === 'public-only' ? schemeBlocked(new URL(fields.url)) : null;
    if (insecure) throw new ApiError('invalid_input', `${insecure}; use an https:// URL or set the SSRF policy to "off"`);
    const generatedSecret = provider === 'feedspace' && input.secret === undefined && !existing?.secretHint ? newWhsecSecret() : undefined;
    // A new secret, or a new scheme for the stored one, must be one the scheme can sign with.
    const stored = existing && input.secret === undefined && existing.scheme !== scheme ? await this.repo.secretOf(existing.id) : null;
    if (input.secret || stored) checkSecret(fields, input.secret || stored!);
    const targetId = existing ? existing.id : await this.repo.insert(fields);
    if (existing) await this.repo.update(existing.id, fields);
    if (input.secret !== undefined) await this.repo.setSecret(targetId, input.secret === '' ? null : input.secret);
    if (generatedSecret) await this.repo.setSecret(targetId, generatedSecret);
    const items = await this.changed();
    const saved = items.find((t) => t.id === targetId) ?? (await this.get(targetId));
    return generatedSecret ? { ...saved, generatedSecret } : saved;
  }

  async delete(id: number): Promise<void> {
    if (!(await this.repo.delete(id))) throw new ApiError('not_found', `target ${id} does not exist`);
    await this.changed();
  }

  /** The sender re-reads its targets and the UIs get the list it read. */
  private async changed(): Promise<Target[]> {
    const items = await this.sender.reloadTargets();
    this.push.emit({ event: 'targets.changed', payload: { items } });
    return items;
  }
}

/** `whsec_` + 24 random bytes in base64 (32 characters): Feedspace's prefix, and a valid Standard Webhooks secret too if the scheme is switched. */
function newWhsecSecret(): string {
  return WHSEC_PREFIX + randomBytes(24).toString('base64');
}
