/**
 * A fuzzy match for the command palette: every character of the query, in order, somewhere in
 * the text ("swse" finds "Switch to Sender"). Higher scores for matches at word starts and in a
 * row, so the command the person means comes first. Null when it does not match.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (q === '') return 0;
  const t = text.toLowerCase();
  let score = 0;
  let at = 0;
  let previous = -2;
  for (const char of q) {
    if (char === ' ') continue;
    const found = t.indexOf(char, at);
    if (found < 0) return null;
    const wordStart = found === 0 || /[\s:/.-]/.test(t[found - 1]!);
    score += 1 + (wordStart ? 3 : 0) + (found === previous + 1 ? 2 : 0);
    previous = found;
    at = found + 1;
  }
  // Shorter texts win ties: "Sender" over "Send all selected to Sender".
  return score - t.length / 100;
}
