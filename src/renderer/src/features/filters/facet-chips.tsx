import { useState } from 'react';

export interface FacetValue {
  value: string;
  label?: string;
  count: number;
}

/**
 * A facet as toggle chips with counts: none selected means "any"; several selected means "any of
 * these". Selected values stay visible even when the current counts no longer list them.
 */
export function FacetChips(props: {
  label: string;
  testId: string;
  values: FacetValue[];
  selected: string[];
  onChange(selected: string[]): void;
  /** Show this many, with a "more" toggle for the rest. */
  limit?: number;
}) {
  const [expanded, setExpanded] = useState(false);
  const known = new Set(props.values.map((v) => v.value));
  const all: FacetValue[] = [...props.values, ...props.selected.filter((s) => !known.has(s)).map((value) => ({ value, count: 0 }))];
  const shown = props.limit && !expanded ? all.slice(0, props.limit) : all;
  const toggle = (value: string) =>
    props.onChange(props.selected.includes(value) ? props.selected.filter((v) => v !== value) : [...props.selected, value]);

  return (
    <div className="facet" role="group" aria-label={props.label}>
      <span className="facet-label">{props.label}</span>
      {shown.length === 0 && <span className="muted">—</span>}
      {shown.map((v) => (
        <button
          key={v.value}
          type="button"
          className={`chip${props.selected.includes(v.value) ? ' chip-on' : ''}`}
          aria-pressed={props.selected.includes(v.value)}
          data-testid={`${props.testId}-chip`}
          data-value={v.value}
          onClick={() => toggle(v.value)}
        >
          {v.label ?? v.value} <span className="chip-count">{v.count.toLocaleString()}</span>
        </button>
      ))}
      {props.limit && all.length > props.limit && (
        <button type="button" className="link-button" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'fewer' : `+${all.length - props.limit} more`}
        </button>
      )}
    </div>
  );
}
