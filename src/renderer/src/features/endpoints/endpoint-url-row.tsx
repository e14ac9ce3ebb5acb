import { CopyButton } from '../../components/copy-button';

/**
 * One of an endpoint's URLs: cut to the sidebar's width, the whole URL in its tooltip, and a copy
 * button. `labelled` names which one it is (only needed when both are shown: room is short).
 */
export function EndpointUrlRow({ url, kind, labelled }: { url: string; kind: 'local' | 'public'; labelled: boolean }) {
  return (
    <div className="endpoint-url" title={url}>
      {labelled && <span className="endpoint-url-kind muted">{kind}</span>}
      <code data-testid={`endpoint-${kind}-url`} title={url}>
        {url}
      </code>
      <span className="endpoint-url-copy" data-testid={`endpoint-${kind}-copy`}>
        <CopyButton text={url} />
      </span>
    </div>
  );
}
