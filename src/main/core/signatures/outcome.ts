import type { SchemeId, VerifyReason, VerifyResult } from '../../../shared/signatures';

type Extras = Partial<Omit<VerifyResult, 'valid' | 'scheme' | 'reason' | 'message'>>;

/** One place that fills every field, so each scheme only states what it knows. */
export function outcome(scheme: SchemeId | null, reason: VerifyReason, message: string, extras: Extras = {}): VerifyResult {
  return {
    valid: reason === 'valid',
    scheme,
    reason,
    message,
    ageSec: null,
    matched: null,
    expected: null,
    received: null,
    signedStringBase64: null,
    hint: null,
    ...extras,
  };
}

export function headerMissing(scheme: SchemeId, header: string, extras: Extras = {}): VerifyResult {
  return outcome(scheme, 'header_missing', `Header ${header} is missing, so there is no signature to check`, extras);
}

export function noSecret(scheme: SchemeId, extras: Extras = {}): VerifyResult {
  return outcome(scheme, 'no_secret', 'No secret given: enter the signing secret (or public key) to verify', extras);
}

/** Secrets the caller left blank in the form are not secrets. */
export function usableSecrets(secrets: readonly string[]): { secret: string; index: number }[] {
  return secrets.map((secret, index) => ({ secret, index })).filter((s) => s.secret.length > 0);
}
