import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTableMarkdown } from '../../src/shared/api-table';

describe('README', () => {
  it('documents exactly the routes of the contract (regenerate with the table below if this fails)', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const table = apiTableMarkdown();
    expect(readme, `README.md must contain:\n${table}`).toContain(table);
  });
});
