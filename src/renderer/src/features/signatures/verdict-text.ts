import type { ReferenceTime, VerifyResult } from '../../../../shared/signatures';

/** The verdict's headline: a MAC only a lenient compare accepts is invalid, but says the MAC is right. */
export function verdictTitle(result: VerifyResult): string {
  if (result.valid) return 'Valid';
  if (result.reason === 'unsigned') return 'Unsigned';
  if (result.reason === 'lenient_match') return 'Invalid (the MAC matches)';
  return 'Invalid';
}

/** The signed timestamp's age, worded for the reference time the verdict used. */
export function ageText(ageSec: number, at: ReferenceTime): string {
  const amount = `${Math.abs(ageSec)} s`;
  if (at === 'arrival') return ageSec >= 0 ? `Signed ${amount} before it arrived.` : `Signed ${amount} after it arrived (the sender's clock is ahead).`;
  return ageSec >= 0 ? `Signed ${amount} ago.` : `Signed ${amount} in the future.`;
}
