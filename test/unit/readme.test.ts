import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTableMarkdown } from '../../src/shared/api-table';

/** The generated table sits between the first `| route |` header line and the push-socket row. */
const TABLE = /\| route \| method \|(?: role \|)? what \|\n[\s\S]*?\(WebSocket\) \| push \|[^\n]*/;

describe('README', () => {
  it('documents exactly the routes of the contract (UPDATE_README=1 npx vitest run test/unit/readme.test.ts rewrites it)', () => {
    let readme = fs.readFileSync('README.md', 'utf8');
    const table = apiTableMarkdown();
    if (process.env.UPDATE_README === '1' && !readme.includes(table)) {
      readme = readme.replace(TABLE, table);
      fs.writeFileSync('README.md', readme);
    }
    expect(readme, `README.md must contain:\n${table}`).toContain(table);
  });
});
