import { RequestDetail, type DetailSlots } from '../features/detail/request-detail';
import { EndpointList } from '../features/endpoints/endpoint-list';
import { FilterBar } from '../features/filters/filter-bar';
import { BulkBar } from '../features/inbox/bulk-bar';
import { InboxList } from '../features/inbox/inbox-list';
import { BulkReplay } from '../features/replay/bulk-replay';
import { EditReplay } from '../features/replay/edit-replay';
import { SendsTab } from '../features/replay/sends-tab';
import { useReplayCommand } from '../features/replay/use-replay-command';
import { SignatureLab } from '../features/signatures/signature-lab';
import { InboxStore } from '../stores/inbox-store';

/** The detail's tabs that other features provide: composed here, so detail, replay and signatures never import each other. */
const DETAIL_SLOTS: DetailSlots = {
  signature: (detail) => <SignatureLab key={detail.id} detail={detail} />,
  edit: (detail) => <EditReplay key={detail.id} detail={detail} />,
  sends: (detail) => <SendsTab requestId={detail.id} />,
};

/**
 * The Inbox view: endpoints, the list with its filters and bulk actions, the open request. Kept
 * mounted while another view shows (`hidden`), so the list, its scroll and selection survive.
 */
export function InboxLayout({ hidden }: { hidden: boolean }) {
  const count = InboxStore.use((s) => s.items.length);
  const replaySelected = useReplayCommand();
  return (
    <main className="split" hidden={hidden}>
      <EndpointList />
      <aside className="inbox">
        <div className="pane-title">
          Inbox <span className="muted" data-testid="inbox-count">{count > 0 ? count : ''}</span>
        </div>
        <FilterBar />
        <BulkBar replay={<BulkReplay />} />
        <InboxList />
      </aside>
      <section className="detail-pane">
        <RequestDetail slots={DETAIL_SLOTS} onReplay={replaySelected} />
      </section>
    </main>
  );
}
