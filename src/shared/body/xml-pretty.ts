/**
 * Indents XML one element per line for reading. Display only: the raw view keeps the exact bytes.
 * Text content, comments, CDATA and processing instructions are kept as they are.
 */
export function prettyXml(xml: string): string {
  // Already laid out by its author: keep it.
  if (xml.trim().split('\n').length > 3) return xml;
  const tokens = xml.replace(/>\s+</g, '><').match(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[^>]+>|[^<]+/g) ?? [];
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const pad = '  '.repeat(depth);
    if (token.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      lines.push('  '.repeat(depth) + token);
    } else if (token.startsWith('<?') || token.startsWith('<!') || token.endsWith('/>')) {
      lines.push(pad + token);
    } else if (token.startsWith('<')) {
      // <a>text</a> stays on one line.
      const text = tokens[i + 1];
      const close = tokens[i + 2];
      if (text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
        lines.push(pad + token + text + close);
        i += 2;
      } else {
        lines.push(pad + token);
        depth++;
      }
    } else if (token.trim()) {
      lines.push(pad + token.trim());
    }
  }
  return lines.join('\n');
}
