import { describe, expect, it } from 'vitest';
import { outcome } from '../../../src/main/core/signatures/outcome';
import { ageText, verdictTitle } from '../../../src/renderer/src/features/signatures/verdict-text';

/** The Signature Lab's wording of a verdict (pure functions the lab renders). */
describe('Signature Lab verdict text', () => {
  it.each([
    ['valid', 'Valid'],
    ['unsigned', 'Unsigned'],
    ['lenient_match', 'Invalid (the MAC matches)'],
    ['mismatch', 'Invalid'],
    ['timestamp_outside_tolerance', 'Invalid'],
  ] as const)('%s → %s', (reason, title) => {
    expect(verdictTitle(outcome('stripe', reason, 'm'))).toBe(title);
  });

  it('words the age for the reference time used', () => {
    expect(ageText(3, 'arrival')).toBe('Signed 3 s before it arrived.');
    expect(ageText(-4, 'arrival')).toBe("Signed 4 s after it arrived (the sender's clock is ahead).");
    expect(ageText(600, 'now')).toBe('Signed 600 s ago.');
    expect(ageText(-5, 'now')).toBe('Signed 5 s in the future.');
  });
});
