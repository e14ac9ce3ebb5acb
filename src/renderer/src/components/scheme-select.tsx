import { SCHEMES, SchemeId } from '../../../shared/signatures';

/** Every scheme Hookbench knows, plus "detect" (null) when allowed. */
export function SchemeSelect({ value, onChange, allowDetect, testId }: { value: SchemeId | null; onChange(v: SchemeId | null): void; allowDetect: boolean; testId: string }) {
  return (
    <select className="inline-search" data-testid={testId} value={value ?? ''} onChange={(e) => onChange(e.target.value ? (e.target.value as SchemeId) : null)} aria-label="Signature scheme">
      {allowDetect && <option value="">Detect from headers</option>}
      {SchemeId.options.map((id) => (
        <option key={id} value={id}>
          {SCHEMES[id].label}
        </option>
      ))}
    </select>
  );
}
