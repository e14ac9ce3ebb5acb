import { useState } from 'react';
import type { HeaderPairs } from '../../../../shared/request-schemas';
import { headersToText } from '../../../../shared/header-text';
import { CopyButton } from '../../components/copy-button';

/** Headers in arrival order and original case; filterable by name or value, each value copyable. */
export function HeadersTab({ headers }: { headers: HeaderPairs }) {
  const [needle, setNeedle] = useState('');
  const lower = needle.toLowerCase();
  const shown = lower ? headers.filter(([n, v]) => n.toLowerCase().includes(lower) || v.toLowerCase().includes(lower)) : headers;
  return (
    <div className="headers-tab">
      <div className="filter-row">
        <input
          data-testid="headers-search"
          type="search"
          placeholder="Filter headers"
          value={needle}
          onChange={(e) => setNeedle(e.target.value)}
          className="inline-search"
        />
        <span className="muted">
          {shown.length} of {headers.length}
        </span>
        <CopyButton text={headersToText(headers)} label="Copy all" />
      </div>
      <table className="pairs" data-testid="headers-table">
        <tbody>
          {shown.map(([name, value], i) => (
            <tr key={i}>
              <th scope="row">{name}</th>
              <td>{value}</td>
              <td className="row-copy">
                <CopyButton text={value} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
