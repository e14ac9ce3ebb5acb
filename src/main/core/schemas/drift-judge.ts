import type { DriftDifference } from '../../../shared/contracts/drift';
import { diffAgainstShape, observe } from '../../../shared/contracts/shape';
import type { StoredSchema } from '../store/repositories';
import type { PinnedValidator } from './pinned-validator';

/** Differences kept per capture: a body of another shape altogether would otherwise list hundreds. */
export const MAX_DIFFERENCES = 50;

/**
 * The one rule for judging a body against its schema, used at capture time and again when a
 * schema changes (accept, rebuild, pin):
 *
 * - pinned: validated against the pinned JSON Schema, from the first capture;
 * - learned: compared with the learned shape once it has `minSamples` samples (before, the shape
 *   is still being learned and every body is part of it).
 *
 * Differences are computed before the body is learned; `learn` then folds in the bodies that are
 * the norm. A flagged body stays out of the learned shape until someone accepts it, so its change
 * keeps being flagged; with a pin, the learned shape keeps learning everything (it shows what
 * really arrives, and is what remains when the pin is removed).
 */
export class DriftJudge {
  constructor(private readonly validator: PinnedValidator) {}

  differences(schema: Pick<StoredSchema, 'shape' | 'pinned'>, value: unknown, minSamples: number): DriftDifference[] {
    let found: DriftDifference[];
    if (schema.pinned) {
      try {
        found = this.validator.differences(schema.pinned, value);
      } catch {
        // Only a pin that compiled is stored; one a later Ajv refuses must not stop captures being learned.
        found = [];
      }
    } else {
      found = schema.shape.samples >= minSamples ? diffAgainstShape(schema.shape, value) : [];
    }
    return found.slice(0, MAX_DIFFERENCES);
  }

  /** Folds a judged body into the learned shape when it belongs there (see above). */
  learn(schema: Pick<StoredSchema, 'shape' | 'pinned'>, value: unknown, captureId: number, differences: readonly DriftDifference[]): void {
    if (schema.pinned || differences.length === 0) observe(schema.shape, value, captureId);
  }
}
