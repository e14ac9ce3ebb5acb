import { useState } from 'react';
import { PROVIDER_LABELS, ProviderPreset, RETRY_PRESETS, WHSEC_PREFIX, type PayloadFormat, type SsrfPolicy, type Target } from '../../../../shared/sender-schemas';
import type { CustomSchemeInput } from '../../../../shared/signatures';
import { SenderStore } from './sender-store';
import { CustomSchemeFields, DEFAULT_CUSTOM_SCHEME } from '../../components/custom-scheme-fields';


/** Preset names and their delays, for the schedule field. */
const PRESET_TEXT = Object.entries(RETRY_PRESETS).map(([name, delays]) => [name, delays.join(', ')] as const);

function parseSchedule(text: string): number[] | string {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const parts = trimmed.split(/[\s,]+/).map(Number);
  return parts.some((n) => !Number.isInteger(n) || n < 0) ? 'The retry schedule is a list of whole seconds, like "15, 120, 600".' : parts;
}

/** What the secret field says about Feedspace, which always signs with a whsec_ secret. */
function feedspaceSecretNote(target: Target | null, secret: string, removeSecret: boolean): { warn: boolean; text: string } | null {
  if (secret) return secret.startsWith(WHSEC_PREFIX) ? null : { warn: true, text: 'Feedspace secrets start with whsec_; this one does not.' };
  if (removeSecret) return { warn: true, text: 'Feedspace signs every webhook: without a secret this target gets unsigned deliveries.' };
  if (!target?.secretHint) return { warn: false, text: 'Leave it empty to get a generated whsec_ secret, shown once after saving.' };
  return null;
}

/**
 * Create or edit a sender target. The secret is write-only: empty keeps the stored one; the
 * "remove" box clears it. A secret Hookbench generated (Feedspace) is shown here once, after saving.
 */
export function TargetEditor({ target, onDone }: { target: Target | null; onDone: () => void }) {
  const save = SenderStore.use((s) => s.saveTarget);
  const [url, setUrl] = useState(target?.url ?? '');
  const [events, setEvents] = useState(target?.events.join(', ') ?? '*');
  const [provider, setProvider] = useState<ProviderPreset>(target?.provider ?? 'feedbackpulse');
  const [secret, setSecret] = useState('');
  const [removeSecret, setRemoveSecret] = useState(false);
  const [format, setFormat] = useState<PayloadFormat>(target?.format ?? 'auto');
  const [schedule, setSchedule] = useState((target?.retrySchedule ?? RETRY_PRESETS.feedbackpro).join(', '));
  const [timeout, setTimeoutSec] = useState(String(target?.timeoutSec ?? 5));
  const [ssrf, setSsrf] = useState<SsrfPolicy>(target?.ssrf ?? 'off');
  const [concurrency, setConcurrency] = useState(String(target?.concurrency ?? 16));
  const [active, setActive] = useState(target?.active ?? true);
  const [customScheme, setCustomScheme] = useState<CustomSchemeInput>(target?.customScheme ?? DEFAULT_CUSTOM_SCHEME);
  const [error, setError] = useState<string | null>(null);
  const [generated, setGenerated] = useState<string | null>(null);
  const feedspaceNote = provider === 'feedspace' ? feedspaceSecretNote(target, secret, removeSecret) : null;

  const submit = async () => {
    const retrySchedule = parseSchedule(schedule);
    if (typeof retrySchedule === 'string') return setError(retrySchedule);
    try {
      const saved = await save({
        id: target?.id,
        url: url.trim(),
        events: events.split(/[\s,]+/).filter(Boolean),
        provider,
        format,
        retrySchedule,
        timeoutSec: Number(timeout),
        ssrf,
        concurrency: Number(concurrency),
        active,
        ...(provider === 'custom' ? { scheme: 'custom' as const, customScheme } : {}),
        ...(removeSecret ? { secret: '' } : secret ? { secret } : {}),
      });
      // Shown once: the API never returns it again, only its hint.
      if (saved.generatedSecret) setGenerated(saved.generatedSecret);
      else onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  if (generated) {
    return (
      <div className="endpoint-editor target-editor" data-testid="target-generated">
        <p>
          Hookbench generated this target&apos;s {PROVIDER_LABELS[provider]} signing secret. Copy it now: it is not shown again (only a hint like{' '}
          <code>{WHSEC_PREFIX}…</code>).
        </p>
        <code className="secret-field" data-testid="target-generated-secret">
          {generated}
        </code>
        <div className="filter-row">
          <button type="button" className="copy-button" onClick={() => void navigator.clipboard?.writeText(generated)}>
            Copy
          </button>
          <button type="button" className="copy-button" data-testid="target-generated-done" onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="endpoint-editor target-editor"
      data-testid="target-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        URL <input data-testid="target-url" value={url} placeholder="https://your-app.example/webhooks" onChange={(e) => setUrl(e.target.value)} required />
      </label>
      <label>
        Events (comma separated; * = all) <input data-testid="target-events" value={events} onChange={(e) => setEvents(e.target.value)} />
      </label>
      <label>
        Provider
        <select data-testid="target-provider" value={provider} onChange={(e) => setProvider(e.target.value as ProviderPreset)}>
          {ProviderPreset.options.map((p) => (
            <option key={p} value={p}>
              {PROVIDER_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      {provider === 'custom' && <CustomSchemeFields value={customScheme} onChange={setCustomScheme} />}
      <label>
        Secret {target?.secretHint ? <span className="muted">(set: {target.secretHint}; empty keeps it)</span> : <span className="muted">(none: deliveries go unsigned)</span>}
        <input data-testid="target-secret" className="secret-field" value={secret} autoComplete="off" onChange={(e) => setSecret(e.target.value)} />
      </label>
      {target?.secretHint && (
        <label className="inline-label">
          <input type="checkbox" checked={removeSecret} onChange={(e) => setRemoveSecret(e.target.checked)} /> remove the secret
        </label>
      )}
      {target?.secretUnavailable && <span className="warn">{target.secretUnavailable}</span>}
      {feedspaceNote && (
        <span className={feedspaceNote.warn ? 'warn small' : 'muted small'} data-testid="target-secret-note">
          {feedspaceNote.text}
        </span>
      )}
      <label>
        Format
        <select data-testid="target-format" value={format} onChange={(e) => setFormat(e.target.value as PayloadFormat)}>
          <option value="auto">auto (Slack / Discord by URL, else raw JSON)</option>
          <option value="raw">raw JSON</option>
          <option value="slack">Slack Block Kit</option>
          <option value="discord">Discord embed</option>
        </select>
      </label>
      <label>
        Retry schedule (seconds before each retry)
        <input data-testid="target-schedule" value={schedule} onChange={(e) => setSchedule(e.target.value)} />
      </label>
      <div className="filter-row small">
        {PRESET_TEXT.map(([name, text]) => (
          <button key={name} type="button" className="chip" onClick={() => setSchedule(text)}>
            {name}
          </button>
        ))}
      </div>
      <label>
        Timeout (s) <input data-testid="target-timeout" type="number" min={0.05} max={120} step="any" value={timeout} onChange={(e) => setTimeoutSec(e.target.value)} />
      </label>
      <label>
        Concurrency <input data-testid="target-concurrency" type="number" min={1} max={256} value={concurrency} onChange={(e) => setConcurrency(e.target.value)} />
      </label>
      <label>
        SSRF policy
        <select data-testid="target-ssrf" value={ssrf} onChange={(e) => setSsrf(e.target.value as SsrfPolicy)}>
          <option value="off">off (reach anything, localhost included)</option>
          <option value="public-only">public only (refuse private, loopback, link-local)</option>
        </select>
      </label>
      <label className="inline-label">
        <input data-testid="target-active" type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> active
      </label>
      {error && <span className="danger" data-testid="target-error">{error}</span>}
      <div className="filter-row">
        <button type="submit" className="copy-button" data-testid="target-save">
          {target ? 'Save' : 'Add target'}
        </button>
        <button type="button" className="copy-button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
