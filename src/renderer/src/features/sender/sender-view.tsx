import { DeliveryDetailPane } from './delivery-detail';
import { DeliveryList } from './delivery-list';
import { EventComposer } from './event-composer';
import { TargetList } from './target-list';
import './sender.css';

/** Playing the provider: targets, composing and emitting events, the delivery log. */
export function SenderView() {
  return (
    <main className="split" data-testid="sender-view">
      <TargetList />
      <DeliveryList />
      <section className="detail-pane">
        <div className="detail">
          <EventComposer />
        </div>
        <DeliveryDetailPane />
      </section>
    </main>
  );
}
