import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { DriftDifference } from '../../../shared/contracts/drift';
import { childPath, compareStrings, itemsPath, jsonTypeOf } from '../../../shared/contracts/shape-node';

/** Compiled pinned schemas kept (a handful of events are pinned; compiling costs milliseconds). */
const COMPILED_KEPT = 200;

/**
 * Validates bodies against pinned JSON Schemas (draft 2020-12) with Ajv, and words Ajv's errors as
 * the same differences the learned-schema check reports (DriftKind): a property the schema does
 * not allow is a new field, a required one absent a missing field, `type` a changed type, `enum`
 * and `const` a new enum value. Any other keyword that fails (minimum, pattern, …) is reported as
 * a changed type with Ajv's message as what was expected: the value no longer fits the contract,
 * and the kinds are the contract's.
 *
 * Formats are not validated (Ajv needs a plugin per format; learned schemas carry `format` as a
 * description), and unknown keywords are allowed, as hand-written schemas often have them.
 */
export class PinnedValidator {
  // `verbose`: errors carry the schema that failed, which says what a missing property should have been.
  private readonly ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, validateFormats: false, logger: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  /** Null when `schema` is a usable JSON Schema, else why not (for the pin API's answer). */
  problemWith(schema: Record<string, unknown>): string | null {
    try {
      this.compile(schema);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** How `value` departs from `schema`; throws when the schema does not compile. */
  differences(schema: Record<string, unknown>, value: unknown): DriftDifference[] {
    const validate = this.compile(schema);
    if (validate(value)) return [];
    return toDifferences(validate.errors ?? [], value);
  }

  private compile(schema: Record<string, unknown>): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      // Ajv would keep every schema with an `$id` and refuse the same `$id` twice: compile a copy without it.
      const { $id: _id, ...rest } = schema;
      validate = this.ajv.compile(rest);
      if (this.compiled.size >= COMPILED_KEPT) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

/** Inside an alternative: Ajv reports why each branch failed, and then that none matched; the latter is the difference. */
const IN_ALTERNATIVE = /\/(anyOf|oneOf)\/\d+\//;

function toDifferences(errors: readonly ErrorObject[], root: unknown): DriftDifference[] {
  const found = new Map<string, DriftDifference>();
  for (const error of errors) {
    if (IN_ALTERNATIVE.test(error.schemaPath)) continue;
    const difference = toDifference(error, locate(root, error.instancePath));
    if (!difference) continue;
    const key = `${difference.kind}\u0000${difference.path}\u0000${difference.actual ?? ''}`;
    if (!found.has(key)) found.set(key, difference);
  }
  return [...found.values()].sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.kind, b.kind));
}

function toDifference(error: ErrorObject, at: { path: string; value: unknown }): DriftDifference | null {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const name = String(params.missingProperty);
      const declared = (error.parentSchema?.properties as Record<string, { type?: unknown }> | undefined)?.[name]?.type;
      return { kind: 'missing_field', path: childPath(at.path, name), expected: declared === undefined ? null : typeWords(declared), actual: null };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      const value = (at.value as Record<string, unknown> | null)?.[name];
      return { kind: 'new_field', path: childPath(at.path, name), expected: null, actual: jsonTypeOf(value) ?? null };
    }
    case 'unevaluatedItems':
    case 'items':
      return { kind: 'new_field', path: itemsPath(at.path), expected: null, actual: 'array' };
    case 'type':
      return { kind: 'type_changed', path: at.path, expected: typeWords(params.type), actual: jsonTypeOf(at.value) ?? null };
    case 'enum':
      return { kind: 'new_enum_value', path: at.path, expected: (params.allowedValues as unknown[]).map(quote).join(' | '), actual: quote(at.value) };
    case 'const':
      return { kind: 'new_enum_value', path: at.path, expected: quote(params.allowedValue), actual: quote(at.value) };
    case 'anyOf':
    case 'oneOf':
      return { kind: 'type_changed', path: at.path, expected: alternativesWords(error.schema), actual: jsonTypeOf(at.value) ?? null };
    case 'false schema':
      return { kind: 'new_field', path: at.path, expected: null, actual: jsonTypeOf(at.value) ?? null };
    default:
      return { kind: 'type_changed', path: at.path, expected: error.message ?? error.keyword, actual: quote(at.value) };
  }
}

/**
 * The value at a JSON pointer and its path as differences spell it (`data.items[].sku`): the
 * index into an array is `[]`, as in the learned schema's fields.
 */
function locate(root: unknown, pointer: string): { path: string; value: unknown } {
  let path = '';
  let value = root;
  if (pointer === '') return { path, value };
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value)) {
      path = itemsPath(path);
      value = value[Number(segment)];
    } else {
      path = childPath(path, segment);
      value = value !== null && typeof value === 'object' && Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
    }
  }
  return { path, value };
}

const typeWords = (type: unknown): string => (Array.isArray(type) ? type.join(' | ') : String(type));

function alternativesWords(branches: unknown): string {
  const types = Array.isArray(branches) ? branches.map((b) => (b as { type?: unknown } | null)?.type) : [];
  return types.length > 0 && types.every((t) => t !== undefined) ? types.map(typeWords).join(' | ') : 'one of the allowed shapes';
}

/** A value as it reads in a message: JSON, long ones cut (as the learned check words them). */
function quote(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
