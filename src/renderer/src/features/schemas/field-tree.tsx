import type { SchemaField } from '../../../../shared/contracts/schema-api';
import { fieldDepth, fieldName } from './schema-names';

const EXAMPLE_CHARS = 40;

function example(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS - 1)}…` : text;
}

function Presence({ field }: { field: SchemaField }) {
  const percent = field.of > 0 ? Math.round((field.present / field.of) * 100) : null;
  return (
    <td data-testid="field-presence" className={`field-presence${percent !== null && percent < 100 ? ' warn' : ''}`}>
      {field.present}/{field.of}
      {percent !== null && <span className="muted"> ({percent}%)</span>}
    </td>
  );
}

function FieldRow({ field: f, onOpenRequest }: { field: SchemaField; onOpenRequest(id: number): void }) {
  const by = f.introducedBy;
  return (
    <tr data-testid="field-row" data-path={f.path}>
      <td className="field-name" title={f.path} style={{ paddingLeft: fieldDepth(f.path) * 16 }}>
        {fieldName(f.path)}
      </td>
      <td data-testid="field-types">{f.types.join(' | ')}</td>
      <Presence field={f} />
      <td>{f.required ? 'required' : ''}</td>
      <td>
        {f.format && <code>{f.format}</code>}
        {f.enum && <span title="Few distinct values: taken as an enum">{f.enum.map((v) => JSON.stringify(v)).join(' | ')}</span>}
      </td>
      <td className="muted">{f.examples.slice(0, 3).map(example).join(', ')}</td>
      <td>
        {by !== null && (
          <button type="button" className="link-button" data-testid="field-introduced-by" title="Show this capture in the inbox" onClick={() => onOpenRequest(by)}>
            #{by}
          </button>
        )}
      </td>
    </tr>
  );
}

/** The schema's fields as an indented tree: types, how often present, format, enum values, examples and who introduced each. */
export function FieldTree({ fields, onOpenRequest }: { fields: SchemaField[]; onOpenRequest(id: number): void }) {
  if (fields.length === 0) return <p className="muted">No fields: the bodies seen were not JSON objects.</p>;
  return (
    <table className="pairs field-tree" data-testid="field-tree">
      <thead>
        <tr>
          <th>field</th>
          <th>types</th>
          <th>present</th>
          <th>required</th>
          <th>format / values</th>
          <th>examples</th>
          <th>introduced by</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <FieldRow key={f.path} field={f} onOpenRequest={onOpenRequest} />
        ))}
      </tbody>
    </table>
  );
}
