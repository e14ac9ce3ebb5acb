import { useState } from 'react';
import { headersToText } from '../../../../shared/header-text';
import type { HeaderPairs } from '../../../../shared/request-schemas';
import { CopyButton } from '../../components/copy-button';

/**
 * Headers in arrival order and original case, as a two-column table (names in one column, values
 * in the other, a long value wrapping inside its cell); filterable; each value copied by the icon
 * on its row, all of them by "Copy all".
 */
export function HeadersTab({ headers }: { headers: HeaderPairs }) {
  const [needle, setNeedle] = useState('');
  const lower = needle.toLowerCase();
  const shown = lower ? headers.filter(([n, v]) => n.toLowerCase().includes(lower) || v.toLowerCase().includes(lower)) : headers;
  return (
    <div className="headers-tab">
      <div className="filter-row">
        <input data-testid="headers-search" type="search" placeholder="Filter headers" value={needle} onChange={(e) => setNeedle(e.target.value)} className="inline-search" />
        <span className="muted">
          {shown.length} of {headers.length}
        </span>
        <CopyButton text={headersToText(headers)} label="Copy all" testId="headers-copy-all" />
      </div>
      <table className="headers-table" data-testid="headers-table">
        <colgroup>
          <col className="header-name" />
          <col />
          <col className="header-copy" />
        </colgroup>
        <tbody>
          {shown.map(([name, value], i) => (
            <tr key={i} data-testid="header-row">
              <th scope="row">{name}</th>
              <td className="header-value">{value}</td>
              <td className="header-copy">
                <CopyButton text={value} label={`Copy ${name}`} icon testId="header-copy" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
