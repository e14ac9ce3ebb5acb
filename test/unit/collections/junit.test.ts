import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { junitXml, xmlEscape } from '../../../src/main/core/collections/junit';
import type { CaseResult, RunResult } from '../../../src/main/core/collections/run-collection';

const HOSTILE = `a <b> & "c" 'd' ]]> \u0001\u0008\u000b\ud800 e\r\n\tf`;

function aCase(overrides: Partial<CaseResult>): CaseResult {
  return { index: 1, name: 'POST /hook', method: 'POST', url: 'http://127.0.0.1:3000/hook', signing: { resigned: true, scheme: 'stripe' }, status: 200, responseBody: Buffer.from('{}'), durationMs: 12, failures: [], error: null, ...overrides };
}

const run: RunResult = {
  name: `suite ${HOSTILE}`,
  target: 'http://127.0.0.1:3000/?a=1&b=2',
  startedAt: new Date('2026-03-04T05:06:07.890Z'),
  durationMs: 1234,
  cases: [
    aCase({}),
    aCase({ index: 2, name: `named ${HOSTILE}`, status: 500, failures: ['status: expected 2xx, got 500', 'body $.ok: expected true, got false'], responseBody: Buffer.from(`{"error":"${HOSTILE}"}\u0000\xff`, 'latin1') }),
    aCase({ index: 3, signing: { resigned: false, why: 'no --secret given' }, status: null, responseBody: null, error: 'no answer: connection refused' }),
  ],
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase', htmlEntities: true });

describe('JUnit XML', () => {
  it('is well-formed XML with the counts and one testcase per request, failures and errors apart', () => {
    const xml = junitXml(run);
    expect(XMLValidator.validate(xml)).toBe(true);
    // Nothing XML 1.0 forbids, even hostile names and binary answers.
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/);
    const doc = parser.parse(xml);
    expect(doc.testsuites).toMatchObject({ name: 'hookbench test', tests: '3', failures: '1', errors: '1', skipped: '0', time: '1.234' });
    const suite = doc.testsuites.testsuite;
    expect(suite).toMatchObject({ tests: '3', failures: '1', errors: '1', timestamp: '2026-03-04T05:06:07', time: '1.234' });
    expect(suite.name).toBe(`suite a <b> & "c" 'd' ]]> \ufffd\ufffd\ufffd\ufffd e\r\n\tf`);
    expect(suite.properties.property).toMatchObject({ name: 'target', value: 'http://127.0.0.1:3000/?a=1&b=2' });
    const [passed, failed, errored] = suite.testcase;
    expect(passed).toMatchObject({ name: '#1 POST /hook', time: '0.012', 'system-out': 'POST http://127.0.0.1:3000/hook → 200; re-signed (stripe)' });
    expect(passed.failure).toBeUndefined();
    expect(failed.name).toContain('#2 named a <b> & "c"');
    expect(failed.failure.message).toBe('status: expected 2xx, got 500');
    expect(failed.failure['#text']).toContain('body $.ok: expected true, got false');
    expect(failed.failure['#text']).toContain('response: {"error":"a <b> & "c"');
    expect(errored.error).toMatchObject({ message: 'no answer: connection refused', type: 'not_answered' });
    expect(errored['system-out']).toBe('POST http://127.0.0.1:3000/hook; not re-signed: no --secret given');
  });

  it('escapes the five XML specials and replaces characters XML cannot carry', () => {
    expect(xmlEscape(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlEscape('\u0000\u001f\ud83d\ude00\udc00\uffff')).toBe('\ufffd\ufffd\ud83d\ude00\ufffd\ufffd');
  });
});
