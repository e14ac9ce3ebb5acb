import type { SchemaDetail } from '../../../../shared/contracts/schema-api';

/** `data.items[].sku` is three levels below the root: each `.` and each `[]` goes one deeper. */
export function fieldDepth(path: string): number {
  return (path.match(/\.|\[\]/g) ?? []).length;
}

/** The last step of a path, as shown in the tree (`sku`, `items[]`). */
export function fieldName(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1) || path;
}

/** A file name from an event name (`invoice.paid` → `invoice.paid.schema.json`), prefixed by its endpoint. */
export function schemaFileName(detail: Pick<SchemaDetail, 'event' | 'endpoint'>): string {
  const base = detail.endpoint ? `${detail.endpoint}-${detail.event}` : detail.event;
  return `${base.replace(/[^A-Za-z0-9._-]+/g, '_')}.schema.json`;
}
