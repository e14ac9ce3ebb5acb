import { caseDetails, signingText } from './report';
import { casePassed, type CaseResult, type RunResult } from './run-collection';

/**
 * A test run as JUnit XML, the report format CI systems read (GitLab, Jenkins, GitHub Actions
 * reporters, Azure). One <testsuite> per collection, one <testcase> per request; a missed
 * expectation is a <failure>, a request that got no answer (or could not be signed) an <error>.
 */

/** Characters XML 1.0 cannot carry at all, even escaped: C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe in both element content and double- or single-quoted attributes. */
export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

/** Attribute values also keep their tabs and line breaks: a parser would normalise literal ones to spaces. */
const attrs = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v)).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;')}"`)
    .join('');
const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcase(c: CaseResult, classname: string): string {
  const open = `    <testcase${attrs({ name: `#${c.index} ${c.name}`, classname, time: seconds(c.durationMs) })}`;
  const out = `${c.method} ${c.url}${c.status === null ? '' : ` → ${c.status}`}${c.signing ? `; ${signingText(c.signing)}` : ''}`;
  const systemOut = `      <system-out>${xmlEscape(out)}</system-out>\n`;
  if (casePassed(c)) return `${open}>\n${systemOut}    </testcase>`;
  const [first, ...rest] = caseDetails(c);
  const kind = c.error !== null ? 'error' : 'failure';
  const type = c.error !== null ? 'not_answered' : 'expectation';
  return `${open}>\n      <${kind}${attrs({ message: first ?? '', type })}>${xmlEscape([first, ...rest].join('\n'))}</${kind}>\n${systemOut}    </testcase>`;
}

/** The XML timestamp type has no zone designator: UTC, to the second. */
const timestamp = (at: Date) => at.toISOString().slice(0, 19);

export function junitXml(run: RunResult): string {
  const errors = run.cases.filter((c) => c.error !== null).length;
  const failures = run.cases.filter((c) => c.error === null && !casePassed(c)).length;
  const counts = { tests: run.cases.length, failures, errors, skipped: 0, time: seconds(run.durationMs) };
  const classname = `hookbench.${run.name}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'hookbench test', ...counts })}>`,
    `  <testsuite${attrs({ name: run.name, ...counts, timestamp: timestamp(run.startedAt), hostname: 'hookbench' })}>`,
    `    <properties>\n      <property${attrs({ name: 'target', value: run.target })}/>\n    </properties>`,
    ...run.cases.map((c) => testcase(c, classname)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
