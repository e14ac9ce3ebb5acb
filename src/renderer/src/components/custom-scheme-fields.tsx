import type { CustomSchemeInput } from '../../../shared/signatures';

export const DEFAULT_CUSTOM_SCHEME: CustomSchemeInput = {
  algorithm: 'sha256',
  encoding: 'hex',
  header: 'X-Signature',
  prefix: 'sha256=',
  template: '{timestamp}.{body}',
  timestampHeader: 'X-Timestamp',
};

/** A user-defined HMAC scheme: algorithm, encoding, header, prefix and the signed-string template. */
export function CustomSchemeFields({ value, onChange }: { value: CustomSchemeInput; onChange(next: CustomSchemeInput): void }) {
  const set = (patch: Partial<CustomSchemeInput>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="custom-scheme" data-testid="custom-scheme">
      <legend className="muted">Custom signature</legend>
      <div className="filter-row">
        <select aria-label="Algorithm" value={value.algorithm} onChange={(e) => set({ algorithm: e.target.value as CustomSchemeInput['algorithm'] })}>
          <option value="sha256">HMAC-SHA256</option>
          <option value="sha512">HMAC-SHA512</option>
          <option value="sha1">HMAC-SHA1</option>
        </select>
        <select aria-label="Encoding" value={value.encoding} onChange={(e) => set({ encoding: e.target.value as CustomSchemeInput['encoding'] })}>
          <option value="hex">hex</option>
          <option value="base64">base64</option>
        </select>
      </div>
      <label>
        Signature header <input data-testid="custom-header" value={value.header} onChange={(e) => set({ header: e.target.value })} />
      </label>
      <label>
        Prefix <input value={value.prefix ?? ''} onChange={(e) => set({ prefix: e.target.value })} />
      </label>
      <label>
        Signed string ({'{id} {timestamp} {body} {url}'}) <input data-testid="custom-template" value={value.template ?? '{body}'} onChange={(e) => set({ template: e.target.value })} />
      </label>
      <label>
        Timestamp header (optional) <input value={value.timestampHeader ?? ''} onChange={(e) => set({ timestampHeader: e.target.value || undefined })} />
      </label>
      <label>
        Id header (optional) <input value={value.idHeader ?? ''} onChange={(e) => set({ idHeader: e.target.value || undefined })} />
      </label>
    </fieldset>
  );
}
