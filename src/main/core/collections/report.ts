import { casePassed, type CaseResult, type RunResult, type Signing } from './run-collection';

/** The readable side of `hookbench test`: one line per case as it finishes, details under failures, a summary. */

/** How much of a failed case's answer is shown: enough to see the handler's error message. */
const EXCERPT_CHARS = 300;

export function signingText(signing: Signing | null): string {
  if (signing === null) return '';
  return signing.resigned ? `re-signed (${signing.scheme})` : `not re-signed: ${signing.why}`;
}

/** The start of a response body, on one line, control characters shown as spaces. */
export function excerpt(body: Buffer | null): string {
  if (!body || body.length === 0) return '';
  // eslint-disable-next-line no-control-regex
  const text = body.subarray(0, EXCERPT_CHARS * 4).toString('utf8').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** The lines under a case that did not pass: each missed expectation or the error, then the answer. */
export function caseDetails(c: CaseResult): string[] {
  if (c.error !== null) return [c.error];
  const body = excerpt(c.responseBody);
  return [...c.failures, ...(body ? [`response: ${body}`] : [])];
}

export function caseLine(c: CaseResult): string {
  const verdict = c.error !== null ? 'ERROR' : casePassed(c) ? 'PASS ' : 'FAIL ';
  const answer = c.status === null ? '' : `  → ${c.status}  ${c.durationMs} ms`;
  const signing = signingText(c.signing);
  const lines = [`${verdict} #${c.index}  ${c.name}${answer}${signing ? `  ${signing}` : ''}`];
  if (!casePassed(c)) lines.push(...caseDetails(c).map((d) => `         ${d}`));
  return lines.join('\n');
}

export function headerLine(name: string, count: number, target: string): string {
  return `hookbench test: ${JSON.stringify(name)}, ${count} request${count === 1 ? '' : 's'} → ${target}`;
}

export function summaryLine(run: RunResult): string {
  const passed = run.cases.filter(casePassed).length;
  const errors = run.cases.filter((c) => c.error !== null).length;
  const failed = run.cases.length - passed - errors;
  const parts = [`${passed} passed`, `${failed} failed`, ...(errors ? [`${errors} error${errors === 1 ? '' : 's'} (not sent or no answer)`] : [])];
  return `${run.cases.length} request${run.cases.length === 1 ? '' : 's'}: ${parts.join(', ')} in ${(run.durationMs / 1000).toFixed(1)} s`;
}
