import type { DetailTab } from '../../stores/detail-tab-store';

/**
 * The detail's tab row. It wraps onto a second line rather than running off the pane: at 1000 px
 * the detail is ~420 px wide, and a tab past the edge (Sends, once) could not be reached at all.
 */
export function DetailTabs({ tabs, current, onChange }: { tabs: readonly [DetailTab, string][]; current: DetailTab; onChange(tab: DetailTab): void }) {
  return (
    <div className="tabs detail-tabs" role="tablist" aria-label="Request detail">
      {tabs.map(([id, label]) => (
        <button key={id} type="button" role="tab" aria-selected={current === id} data-testid={`tab-${id}`} className={`tab${current === id ? ' tab-on' : ''}`} onClick={() => onChange(id)}>
          {label}
        </button>
      ))}
    </div>
  );
}
