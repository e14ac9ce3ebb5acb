import { z } from 'zod';

/**
 * How a captured body departs from its event's established schema (issue 15). `path` is a JSON
 * pointer-like dotted path (`data.items[].price`); `expected` / `actual` describe types or values
 * in words a reader understands (`string`, `integer | null`, `"refunded"`).
 */
export const DriftKind = z.enum(['new_field', 'missing_field', 'type_changed', 'new_enum_value']);
export type DriftKind = z.infer<typeof DriftKind>;

export const DriftDifference = z.object({
  kind: DriftKind,
  path: z.string(),
  expected: z.string().nullable(),
  actual: z.string().nullable(),
});
export type DriftDifference = z.infer<typeof DriftDifference>;
