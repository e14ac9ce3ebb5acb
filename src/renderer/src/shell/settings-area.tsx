import { RetentionSettings } from '../features/settings/retention-settings';
import { TokensPanel } from '../features/settings/tokens-panel';
import { TeamLinkPanel } from '../features/team-link/team-link-panel';
import { useCan } from '../stores/use-can';

/** Settings: the panels side by side and scrollable (stacked, they would squeeze the inbox below to nothing). */
export function SettingsArea({ onClose }: { onClose: () => void }) {
  const canManageTokens = useCan('listTokens');
  return (
    <div className="settings-area" data-testid="settings-area">
      <RetentionSettings onClose={onClose} />
      {canManageTokens && <TokensPanel />}
      <TeamLinkPanel />
    </div>
  );
}
