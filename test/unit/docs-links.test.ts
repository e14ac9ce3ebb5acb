import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every relative link and image in README.md and docs/*.md points at a file that is part of the
 * repository (not outside it, not a build or test output that a clone lacks), and every `#anchor`
 * at a heading of the file it names. External links (http:, mailto:) are not followed: no network.
 */

const ROOT = path.resolve(__dirname, '../..');
const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** `[text](target)` and `![alt](target "title")`, outside fenced code blocks and inline code. */
function markdownLinks(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((match) => match[1]!);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, text] of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = text!
      .toLowerCase()
      .replace(/`/g, '')
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

function isIgnored(relative: string): boolean {
  try {
    execFileSync('git', ['check-ignore', '-q', relative], { cwd: ROOT, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('documentation links', () => {
  it('the anchor rules match GitHub’s', () => {
    expect([...headingAnchors('# Hookbench\n## Team server\n### `hookbench listen`\n## Desktop app\n## Desktop app\n')]).toEqual([
      'hookbench',
      'team-server',
      'hookbench-listen',
      'desktop-app',
      'desktop-app-1',
    ]);
    expect(markdownLinks('see [a](docs/a.md) and ![b](b.png "t") but not `[c](c.md)`\n```\n[d](d.md)\n```\n')).toEqual(['docs/a.md', 'b.png']);
  });

  for (const doc of DOCS) {
    it(`${doc}: every relative link resolves to a file in the repository`, () => {
      const markdown = fs.readFileSync(path.join(ROOT, doc), 'utf8');
      const problems: string[] = [];
      const links = markdownLinks(markdown).filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link));
      for (const link of links) {
        const [target, anchor] = link.split('#') as [string, string | undefined];
        const file = target === '' ? path.join(ROOT, doc) : path.resolve(path.dirname(path.join(ROOT, doc)), decodeURIComponent(target));
        const relative = path.relative(ROOT, file);
        if (relative.startsWith('..') || path.isAbsolute(relative)) problems.push(`${link}: outside the repository`);
        else if (!fs.existsSync(file)) problems.push(`${link}: no such file`);
        else if (isIgnored(relative)) problems.push(`${link}: ${relative} is git-ignored, so a clone lacks it`);
        else if (anchor && file.endsWith('.md') && !headingAnchors(fs.readFileSync(file, 'utf8')).has(anchor)) problems.push(`${link}: no heading #${anchor}`);
      }
      expect(problems).toEqual([]);
    });
  }
});
